using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>The queue officers work from: the most debt expected at stake first, and a supervisor's approval of a page at once.</summary>
public sealed class ReviewQueueTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task The_queue_shows_the_most_debt_expected_at_stake_first_then_the_highest_score()
    {
        using var officer = await host.SignInAsync("kim");
        var items = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=1000"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        Assert.True(items.Length > 3, $"{items.Length} open candidates in the samples");
        Assert.True(items.Select(i => i.GetProperty("debt").GetInt64()).Distinct().Count() > 1, "the samples' candidates all have the same debt: the order would not be tested");

        // The debt weighed by the chance the sweep's weights give that the account is the taxpayer's.
        var order = items.Select(i => (Expected: Math.Round(i.GetProperty("debt").GetInt64() * i.GetProperty("probability").GetDouble()), Score: i.GetProperty("score").GetInt32())).ToArray();
        Assert.Equal(order.OrderByDescending(o => o.Expected).ThenByDescending(o => o.Score), order);
        var first = items[0];
        var taxpayer = await JsonAsync(await officer.GetAsync("/api/taxpayers/" + first.GetProperty("taxpayerId").GetString()), HttpStatusCode.OK);
        Assert.Equal(taxpayer.GetProperty("outstanding").GetInt64(), first.GetProperty("debt").GetInt64());
    }

    [Fact]
    public async Task Each_item_says_since_when_it_waits_by_the_system_s_clock()
    {
        using var officer = await host.SignInAsync("kim");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var page = await JsonAsync(await officer.GetAsync("/api/reviews?limit=1000"), HttpStatusCode.OK);

        var now = page.GetProperty("now").GetInt64();
        Assert.InRange(now, before, before + 60);
        var found = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("found").GetInt64()).ToArray();
        Assert.NotEmpty(found);
        Assert.All(found, f => Assert.InRange(f, now - 3_600, now));
    }

    [Fact]
    public async Task A_supervisor_approves_a_page_with_one_reason_and_a_request_naming_anything_else_approves_nothing()
    {
        using var officer = await host.SignInAsync("kim");
        using var supervisor = await host.SignInAsync("lee");
        var open = (await JsonAsync(await supervisor.GetAsync("/api/reviews?state=Open&limit=4"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(i => new { taxpayerId = i.GetProperty("taxpayerId").GetString(), exchange = i.GetProperty("exchange").GetString(), accountId = i.GetProperty("accountId").GetString() }).ToArray();
        Assert.Equal(4, open.Length);
        object[] two = [open[0], open[1]];
        const string reason = "same phone and birth date; the exchange's name is a romanisation";

        // Only a supervisor, with a reason, naming 1 to 100 candidates that are all in the queue.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = two })).StatusCode);
        Assert.Contains("reason", await Refused(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason = " ", candidates = two })));
        Assert.Contains("1 to 100", await Refused(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = Array.Empty<object>() })));
        Assert.Contains("1 to 100", await Refused(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = Enumerable.Repeat(open[2], 101).ToArray() })));
        var malformed = await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = new object[] { open[2], new { taxpayerId = "T07/../x", exchange = "upbit", accountId = "A" } } });
        var notAnId = (await JsonAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        Assert.Contains("not an id", notAnId);
        Assert.DoesNotContain("(Parameter", notAnId);
        var stranger = new { taxpayerId = open[2].taxpayerId, exchange = "nowhere", accountId = "NOT-A-CANDIDATE" };
        Assert.Contains("NOT-A-CANDIDATE", await Refused(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = new object[] { open[2], stranger } })));
        await JsonAsync(await officer.PostAsJsonAsync($"/api/reviews/{open[3].taxpayerId}/{open[3].exchange}/{open[3].accountId}/rejection", new { reason = "another person" }), HttpStatusCode.OK);
        Assert.Contains("already rejected", await Refused(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = new object[] { open[2], open[3] } })));
        Assert.Equal("Open", await StateOf(supervisor, open[2].taxpayerId!, open[2].exchange!, open[2].accountId!));

        var summary = await JsonAsync(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = two }), HttpStatusCode.OK);
        Assert.Equal(2, summary.GetProperty("opened").GetInt32());
        Assert.Empty(summary.GetProperty("refused").EnumerateArray());
        foreach (var pair in open[..2])
        {
            Assert.Equal("Approved", await StateOf(supervisor, pair.taxpayerId!, pair.exchange!, pair.accountId!));
            var seizure = (await JsonAsync(await supervisor.GetAsync($"/api/cases/{Uri.EscapeDataString($"{pair.taxpayerId}@{pair.exchange}/{pair.accountId}")}"), HttpStatusCode.OK)).GetProperty("seizure");
            Assert.EndsWith($"approved by supervisor:lee: {reason}", seizure.GetProperty("basis").GetString());
        }

        // The same page again is refused: those candidates are no longer open.
        Assert.Contains("already approved", await Refused(await supervisor.PostAsJsonAsync("/api/reviews/approvals", new { reason, candidates = two })));
    }

    private static async Task<string> Refused(HttpResponseMessage response) =>
        (await JsonAsync(response, HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!;

    private static async Task<string> StateOf(HttpClient client, string taxpayerId, string exchange, string accountId)
    {
        var evidence = await JsonAsync(await client.GetAsync($"/api/reviews/{taxpayerId}/{exchange}/{accountId}"), HttpStatusCode.OK);
        return evidence.GetProperty("decision").ValueKind == JsonValueKind.Null ? "Open" : evidence.GetProperty("decision").GetProperty("approved").GetBoolean() ? "Approved" : "Rejected";
    }
}
