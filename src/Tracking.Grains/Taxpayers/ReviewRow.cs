using Tracking.Domain;
using Tracking.Domain.Ledger;
using Tracking.Domain.Matching;
using Tracking.Storage.Views;

namespace Tracking.Grains.Taxpayers;

/// <summary>
/// A review candidate in the review queue: the <see cref="View"/> row a taxpayer keeps per candidate
/// needing a person, with the taxpayer's debt still outstanding (what is at stake) and when it was
/// found (Unix seconds; 0 for candidates recorded before the time was kept), and the chance the
/// sweep's weights give that it is the taxpayer (null for candidates found before weights).
/// </summary>
public sealed record ReviewRow(
    string Id,
    string TaxpayerId,
    string Exchange,
    string AccountId,
    int Score,
    IReadOnlyList<string> Reasons,
    ReviewState State,
    string? DecidedBy,
    string? Note,
    long Decided,
    long Debt,
    long Found,
    double? Probability)
{
    public const string View = "reviews";

    public static readonly ViewField RankField = ViewField.Number("rank");
    public static readonly ViewField StateField = ViewField.Text("state");
    public static readonly ViewField ExchangeField = ViewField.Text("exchange");

    /// <summary>
    /// The most debt expected to be at stake first: the debt weighed by the chance it is the
    /// taxpayer, so that a hopeless pair sinks however large the debt; among equals the highest
    /// score. Filtered by state and exchange.
    /// </summary>
    public static ViewDefinition Definition { get; } = new(View, RankField, [StateField, ExchangeField]);

    /// <summary>
    /// The queue's order in one number: the expected debt (at most <see cref="Won.Max"/>, 10^13)
    /// above, score (0–100) below. A candidate found before weights counts its whole debt.
    /// </summary>
    public long Rank => ((long)Math.Round(Debt * (Probability ?? 1)) * 128) + Score;

    public static string KeyOf(string taxpayerId, string exchange, string accountId) => $"{taxpayerId}|{exchange}|{accountId}";

    public static IEnumerable<GrainView> ViewsOf(TaxpayerLedger ledger) =>
        ledger.Candidates.Where(c => c.Decision == MatchDecision.Review).Select(c =>
        {
            var review = ledger.ReviewOf(c.Exchange, c.AccountId);
            var row = new ReviewRow(
                KeyOf(c.TaxpayerId, c.Exchange, c.AccountId),
                c.TaxpayerId,
                c.Exchange,
                c.AccountId,
                c.Score,
                c.Reasons,
                review is null ? ReviewState.Open : review.Approved ? ReviewState.Approved : ReviewState.Rejected,
                review?.By,
                review?.Reason,
                review?.At.ToUnixTimeSeconds() ?? 0,
                ledger.Outstanding,
                c.FoundAt?.ToUnixTimeSeconds() ?? 0,
                c.Weight?.Probability);
            return new GrainView(View, row.Id, row);
        });
}
