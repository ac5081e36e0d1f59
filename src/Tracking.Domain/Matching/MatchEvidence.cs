using Tracking.Domain.Identity;

namespace Tracking.Domain.Matching;

/// <summary>How each identifying field of a taxpayer and an account compares.</summary>
public sealed record MatchEvidence(Agreement Rrn, NameAgreement Name, Agreement Birth, Agreement Phone)
{
    public static MatchEvidence Between(TaxpayerIdentity taxpayer, AccountIdentity account) => new(
        Compare(taxpayer.RrnHash, account.RrnHash),
        NameComparer.Compare(taxpayer.Name, account.Name),
        taxpayer.Birth is { } a && account.Birth is { } b ? a.Compare(b) : Agreement.Missing,
        Compare(taxpayer.Phone, account.Phone));

    /// <summary>Which fields agreed and which contradicted, for the officer reading the candidate.</summary>
    public IReadOnlyList<string> Reasons() =>
    [
        $"rrn:{Describe(Rrn)}",
        $"name:{Name.ToString().ToLowerInvariant()}",
        $"birth:{Describe(Birth)}",
        $"phone:{Describe(Phone)}",
    ];

    private static Agreement Compare(string? a, string? b) =>
        a is null || b is null ? Agreement.Missing : a == b ? Agreement.Agrees : Agreement.Differs;

    private static string Describe(Agreement agreement) => agreement switch
    {
        Agreement.Agrees => "agrees",
        Agreement.Near => "near",
        Agreement.Differs => "differs",
        _ => "missing",
    };
}
