using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;

namespace Tracking.Silo.Api;

/// <summary>
/// Whether a case, taxpayer or review candidate exists, asked of the store before any grain is
/// called: an id nobody holds answers 404 without activating a grain for it, and an id no one
/// could hold (too long, control characters) answers 400 without reaching the store.
/// </summary>
internal static class ReadModelLookup
{
    /// <summary>The longest id any of Tracking's keys reaches (a case id is taxpayer, exchange and account together).</summary>
    public const int MaxIdLength = 200;

    public static void EnsureWellFormed(params string[] ids)
    {
        foreach (var id in ids)
        {
            if (id.Length is 0 or > MaxIdLength || id.Any(char.IsControl))
            {
                throw new ArgumentException($"ids are 1 to {MaxIdLength} printable characters", nameof(ids));
            }
        }
    }

    public static async Task<bool> CaseExistsAsync(TrackingContext tracking, string caseId, CancellationToken ct)
    {
        EnsureWellFormed(caseId);
        return await tracking.Views.FindAsync(CaseRow.View, caseId, ct) is not null;
    }

    public static async Task<bool> TaxpayerExistsAsync(TrackingContext tracking, string taxpayerId, CancellationToken ct)
    {
        EnsureWellFormed(taxpayerId);
        return await tracking.IsOnRollAsync(taxpayerId, ct);
    }

    public static async Task<bool> ReviewExistsAsync(TrackingContext tracking, string taxpayerId, string exchange, string accountId, CancellationToken ct)
    {
        EnsureWellFormed(taxpayerId, exchange, accountId);
        return await tracking.Views.FindAsync(ReviewRow.View, ReviewRow.KeyOf(taxpayerId, exchange, accountId), ct) is not null;
    }
}
