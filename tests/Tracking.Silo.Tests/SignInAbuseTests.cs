using System.Net;
using System.Net.Http.Json;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// Guessing passwords against a host of its own (its locks would refuse every other test's
/// sign-in): failures lock the account, then the address, and each is on the access record.
/// </summary>
public sealed class SignInAbuseTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task Wrong_passwords_lock_the_account_then_the_address_and_every_refusal_is_recorded()
    {
        using var auditor = await host.SignInAsync("choi");
        using var guesser = host.Anonymous();

        // Five wrong passwords lock park's account: the right one is refused too, with the same answer.
        for (var i = 0; i < 5; i++)
        {
            var wrong = await guesser.PostAsJsonAsync("/api/session", new { name = "park", password = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await guesser.PostAsJsonAsync("/api/session", new { name = "park", password = "park" });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/session")).StatusCode);

        // Another account from the same address still signs in.
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().PostAsJsonAsync("/api/session", new { name = "kim", password = "kim" })).StatusCode);

        // Twenty failures from one address, for any names, lock the address out before any password is checked.
        for (var i = 6; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.PostAsJsonAsync("/api/session", new { name = "nobody-" + i, password = "x" })).StatusCode);
        }

        var outOfTurn = await guesser.PostAsJsonAsync("/api/session", new { name = "lee", password = "lee" });
        Assert.Equal(HttpStatusCode.TooManyRequests, outOfTurn.StatusCode);
        Assert.True(outOfTurn.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Each refusal is on the access record, read by the auditor whose session began before.
        var record = await JsonAsync(await auditor.GetAsync("/api/access-log?limit=100"), HttpStatusCode.OK);
        var refusals = record.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("subject").GetString() == "sign-in").ToArray();
        Assert.Equal(6, refusals.Count(r => r.GetProperty("reader").GetString() == "park"));
        Assert.Contains(refusals, r => r.GetProperty("what").GetString()!.Contains("now locked", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.GetProperty("what").GetString()!.Contains("locked out", StringComparison.Ordinal));
        Assert.Equal(21, refusals.Length);

        var oversized = await host.Anonymous().PostAsJsonAsync("/api/session", new { name = new string('n', 65), password = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
    }
}
