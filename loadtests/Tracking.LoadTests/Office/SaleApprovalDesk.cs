using static Tracking.LoadTests.Office.OfficeEndpoints;

namespace Tracking.LoadTests.Office;

/// <summary>
/// A supervisor who, every simulated six hours, opens the list of cases awaiting their sale
/// approval and approves the page shown at once, page after page, as the approvals page's button
/// does. A case a payment moved on meanwhile is listed as refused in the answer, as at a real desk.
/// </summary>
internal sealed class SaleApprovalDesk(OfficeDesk desk, OfficeMonth month)
{
    private const int PageSize = 100;

    /// <summary>Sales the answers listed as refused, with why.</summary>
    public int Refused { get; private set; }

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
                    if (await desk.PostAsync(SaleApprovals, "/api/cases/sale-approvals", new { cases = waiting }, cancellationToken) is { } summary)
                    {
                        Refused += summary.GetProperty("refused").GetArrayLength();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
