using static Tracking.LoadTests.Office.OfficeEndpoints;

namespace Tracking.LoadTests.Office;

/// <summary>
/// Supervisors who, every simulated six hours, open the list of cases awaiting their sale approval
/// and approve each, several at once. A case a payment moved on meanwhile is refused (4xx), as at a
/// real desk.
/// </summary>
internal sealed class SaleApprovals(OfficeDesk desk, OfficeMonth month, int supervisors)
{
    private const int PageSize = 100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var round = month.Day; ; round += 0.25)
            {
                await month.UntilAsync(round, cancellationToken);
                var tried = new HashSet<string>(StringComparer.Ordinal);
                while (await desk.GetAsync(CasePage, $"/api/cases?approval=Sale&limit={PageSize}", cancellationToken) is { } page
                    && page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Where(tried.Add).ToArray() is { Length: > 0 } waiting)
                {
                    await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = supervisors, CancellationToken = cancellationToken }, async (id, ct) =>
                        await desk.PostAsync<object?>(SaleApproval, $"/api/cases/{Uri.EscapeDataString(id)}/sale-approval", null, ct));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
