using System.Net;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Silo.Tests;

/// <summary>
/// A supervisor approves every proposed sale on the approvals page at once. On a host of its own:
/// approving them all leaves no proposed sale, nor a case with nothing collected, for the other
/// console tests.
/// </summary>
public sealed class ConsoleBulkApprovalTests(ConsoleWithExchanges host) : ConsoleBrowser(host), IClassFixture<ConsoleWithExchanges>
{
    [Fact]
    public async Task A_supervisor_approves_every_sale_shown_at_once_and_the_page_says_how_many()
    {
        var proposed = await WaitForCaseAsync("approval=Sale");
        var page = await SignInAsync("han", "supervisor");
        await OpenAsync(page, "approvals");
        var shown = await page.Locator("#sales tbody tr").CountAsync();
        Assert.True(shown >= 1, "the approvals page shows no proposed sale");
        await Expect(page.Locator("#approve-all-sales")).ToHaveTextAsync($"Approve all {shown} sales shown");
        await page.Locator("#approve-all-sales").ClickAsync();
        await Expect(page.Locator("#sales-approved")).ToContainTextAsync($"{shown} sales approved, 0 refused.");
        await ShotAsync(page, "supervisor-all-sales-approved");

        using var officer = await Host.SignInAsync("kim");
        var approved = await ConsoleHost.JsonAsync(await officer.GetAsync("/api/cases/" + Uri.EscapeDataString(proposed)), HttpStatusCode.OK);
        var approval = Assert.Single(approved.GetProperty("history").EnumerateArray(), e => e.GetProperty("event").GetProperty("$type").GetString() == "SaleApproved");
        Assert.Equal("supervisor:han", approval.GetProperty("event").GetProperty("actor").GetString());
    }
}
