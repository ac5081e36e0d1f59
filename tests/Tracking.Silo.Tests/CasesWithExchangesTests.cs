using System.Net;
using System.Net.Http.Json;
using Tracking.Silo.Scenarios;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>Cases moving with the exchange simulator answering: its signed callbacks taken, sales approved in bulk.</summary>
public sealed class CasesWithExchangesTests(ConsoleWithExchanges host) : IClassFixture<ConsoleWithExchanges>
{
    [Fact]
    public async Task The_simulator_s_signed_callbacks_are_taken_and_none_is_refused()
    {
        using var officer = await host.SignInAsync("kim");
        using var http = new HttpClient();
        var simulator = new ExchangeSimClient(http, host.Simulator!);
        for (var i = 0; i < 600 && (await simulator.GetPendingAsync(CancellationToken.None)).CallbacksTaken == 0; i++)
        {
            await Task.Delay(100);
        }

        var pending = await simulator.GetPendingAsync(CancellationToken.None);
        Assert.True(pending.CallbacksTaken > 0, "no callback was delivered");
        Assert.Equal(0, pending.CallbacksRefused);
        var moved = await JsonAsync(await officer.GetAsync("/api/cases?status=NoticeSent&limit=1"), HttpStatusCode.OK);
        var all = await JsonAsync(await officer.GetAsync("/api/cases?limit=1"), HttpStatusCode.OK);
        Assert.True(all.GetProperty("total").GetInt64() > moved.GetProperty("total").GetInt64(), "no case moved past its notice");
    }

    [Fact]
    public async Task A_supervisor_approves_several_proposed_sales_at_once_and_each_refused_is_listed_with_why()
    {
        using var officer = await host.SignInAsync("kim");
        using var lee = await host.SignInAsync("lee");
        var proposed = await host.WaitForLoneSaleAwaitingApprovalAsync();

        // Refused whole, nothing approved: not a supervisor, no case or too many named, a name that is no case id.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/cases/sale-approvals", new { cases = new[] { proposed } })).StatusCode);
        await JsonAsync(await lee.PostAsJsonAsync("/api/cases/sale-approvals", new { cases = Array.Empty<string>() }), HttpStatusCode.UnprocessableEntity);
        await JsonAsync(await lee.PostAsJsonAsync("/api/cases/sale-approvals", new { cases = Enumerable.Range(0, 101).Select(i => $"T{i}@upbit/A{i}") }), HttpStatusCode.UnprocessableEntity);
        var malformed = await JsonAsync(await lee.PostAsJsonAsync("/api/cases/sale-approvals", new { cases = new[] { proposed, "../x" } }), HttpStatusCode.BadRequest);
        Assert.Contains("case 2 named is not a case id", malformed.GetProperty("detail").GetString());
        var untouched = await JsonAsync(await lee.GetAsync("/api/cases/" + Uri.EscapeDataString(proposed)), HttpStatusCode.OK);
        Assert.Equal("AwaitingSaleApproval", untouched.GetProperty("seizure").GetProperty("status").GetString());

        // Named twice, it is approved once; a well-formed name of no case is listed and stops nothing.
        var summary = await JsonAsync(await lee.PostAsJsonAsync("/api/cases/sale-approvals", new { cases = new[] { proposed, "nobody@upbit/nothing", proposed } }), HttpStatusCode.OK);
        Assert.Equal(2, summary.GetProperty("cases").GetInt32());
        Assert.Equal(1, summary.GetProperty("approved").GetInt32());
        Assert.Equal(["nobody@upbit/nothing: there is no such case"], summary.GetProperty("refused").EnumerateArray().Select(r => r.GetString()));
        var approved = await JsonAsync(await lee.GetAsync("/api/cases/" + Uri.EscapeDataString(proposed)), HttpStatusCode.OK);
        var approval = Assert.Single(approved.GetProperty("history").EnumerateArray(), e => e.GetProperty("event").GetProperty("$type").GetString() == "SaleApproved");
        Assert.Equal("supervisor:lee", approval.GetProperty("event").GetProperty("actor").GetString());

        // Again: the sale no longer awaits approval, and the case says so.
        var again = await JsonAsync(await lee.PostAsJsonAsync("/api/cases/sale-approvals", new { cases = new[] { proposed } }), HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("approved").GetInt32());
        Assert.StartsWith($"{proposed}: no sale awaits approval", again.GetProperty("refused")[0].GetString());
    }
}
