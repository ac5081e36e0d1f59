using Tracking.Domain;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;

namespace Tracking.Silo.Api;

/// <summary>
/// Whether a case, taxpayer or review candidate exists, asked of the store before any grain is
/// called: an id nobody holds answers 404 without activating a grain for it, and an id of a shape
/// no one could hold (see <see cref="IdFormat"/>) answers 400 without reaching the store.
/// </summary>
internal static class ReadModelLookup
{
    /// <summary>Throws <see cref="ArgumentException"/> (a 400) unless <paramref name="id"/> is an id of its kind.</summary>
    public static void EnsureWellFormed(string what, string id, int maxLength)
    {
        if (IdFormat.Problem(what, id, maxLength) is { } problem)
        {
            throw new ArgumentException(problem, nameof(id));
        }
    }

    public static async Task<bool> CaseExistsAsync(TrackingContext tracking, string caseId, CancellationToken ct)
    {
        if (!IdFormat.IsCaseId(caseId))
        {
            throw new ArgumentException("a case id is taxpayer@exchange/account, each an id of letters, digits, '-', '_' or '.'", nameof(caseId));
        }

        return await tracking.IsCaseAsync(caseId, ct);
    }

    public static async Task<bool> TaxpayerExistsAsync(TrackingContext tracking, string taxpayerId, CancellationToken ct)
    {
        EnsureWellFormed("a taxpayer id", taxpayerId, IdFormat.TaxpayerId);
        return await tracking.IsOnRollAsync(taxpayerId, ct);
    }

    public static async Task<bool> ReviewExistsAsync(TrackingContext tracking, string taxpayerId, string exchange, string accountId, CancellationToken ct) =>
        await FindReviewAsync(tracking, taxpayerId, exchange, accountId, ct) is not null;

    /// <summary>The candidate's state in the review queue, or null when the sweep found no such candidate for review.</summary>
    public static async Task<ReviewState?> ReviewStateAsync(TrackingContext tracking, string taxpayerId, string exchange, string accountId, CancellationToken ct) =>
        await FindReviewAsync(tracking, taxpayerId, exchange, accountId, ct) is { } row
            ? System.Text.Json.JsonSerializer.Deserialize(row, Grains.Serialization.ViewJsonContext.Default.ReviewRow)!.State
            : null;

    private static Task<string?> FindReviewAsync(TrackingContext tracking, string taxpayerId, string exchange, string accountId, CancellationToken ct)
    {
        EnsureWellFormed("a taxpayer id", taxpayerId, IdFormat.TaxpayerId);
        EnsureWellFormed("an exchange", exchange, IdFormat.Exchange);
        EnsureWellFormed("an account id", accountId, IdFormat.AccountId);
        return tracking.Views.FindAsync(ReviewRow.View, ReviewRow.KeyOf(taxpayerId, exchange, accountId), ct);
    }
}
