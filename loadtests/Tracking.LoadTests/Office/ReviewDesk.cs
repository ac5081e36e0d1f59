using static Tracking.LoadTests.Office.OfficeEndpoints;

namespace Tracking.LoadTests.Office;

/// <summary>
/// The review queue worked each simulated day up to a quota: an officer opens the top page of open
/// candidates and each one's evidence, and rejects those that are not the taxpayer's (here: not in
/// the generator's true pairs); a supervisor approves the rest in one bulk approval per page, which
/// opens their seizures.
/// </summary>
internal sealed class ReviewDesk(OfficeDesk officer, OfficeDesk supervisor, IReadOnlySet<string> truePairs, OfficeMonth month, int perDay)
{
    private const int PageSize = 100;

    public async Task RunAsync(int days, CancellationToken cancellationToken)
    {
        try
        {
            var tried = new HashSet<string>(StringComparer.Ordinal);
            for (var day = (int)month.Day; day <= days; day++)
            {
                await month.UntilAsync(day, cancellationToken);
                for (var decided = 0; decided < perDay;)
                {
                    var page = await officer.GetAsync(ReviewPage, $"/api/reviews?state=Open&limit={Math.Min(PageSize, perDay - decided)}", cancellationToken);
                    var candidates = page is { } p
                        ? p.GetProperty("items").EnumerateArray()
                            .Select(c => (TaxpayerId: c.GetProperty("taxpayerId").GetString()!, Exchange: c.GetProperty("exchange").GetString()!, AccountId: c.GetProperty("accountId").GetString()!))
                            .Where(c => tried.Add($"{c.TaxpayerId},{c.Exchange},{c.AccountId}"))
                            .ToArray()
                        : [];
                    if (candidates.Length == 0)
                    {
                        break;
                    }

                    var approve = new List<object>();
                    foreach (var (taxpayerId, exchange, accountId) in candidates)
                    {
                        var path = $"/api/reviews/{taxpayerId}/{exchange}/{Uri.EscapeDataString(accountId)}";
                        await officer.GetAsync(Evidence, path, cancellationToken);
                        if (truePairs.Contains($"{taxpayerId},{exchange},{accountId}"))
                        {
                            approve.Add(new { taxpayerId, exchange, accountId });
                        }
                        else
                        {
                            await officer.PostAsync(ReviewRejection, path + "/rejection", new { reason = "증빙 대조 결과 다른 사람" }, cancellationToken);
                        }
                    }

                    if (approve.Count > 0)
                    {
                        await supervisor.PostAsync(ReviewApprovals, "/api/reviews/approvals", new { reason = "증빙 대조 확인", candidates = approve }, cancellationToken);
                    }

                    decided += candidates.Length;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
