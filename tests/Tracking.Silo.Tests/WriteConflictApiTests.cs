using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.Storage;
using Tracking.Storage.Persistence;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// Another writer that moved a grain on behind its activation: a sweep recording candidates beside
/// a taxpayer an officer has open is decided afresh, unseen; for any other grain (a silo lost
/// mid-call, a duplicate activation) the request fails as something that passes (503, try again),
/// never a 500, and the same request again goes through, once.
/// </summary>
public sealed class WriteConflictApiTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_payment_to_a_ledger_written_beside_its_activation_is_decided_afresh_and_taken_once()
    {
        const string Taxpayer = "T07-0000058";
        using var officer = await host.SignInAsync("kim");
        var before = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);
        await WriteBesideAsync(new GrainKey(TaxpayerGrain.TypeName, Taxpayer));

        var payment = new { reference = "CONFLICT-1", amount = 10_000, source = "bank" };
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", payment), HttpStatusCode.OK);
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", payment), HttpStatusCode.OK);
        var after = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("outstanding").GetInt64() - 10_000, after.GetProperty("outstanding").GetInt64());
        Assert.Equal(before.GetProperty("version").GetInt64() + 2, after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_step_on_a_case_moved_on_behind_its_activation_is_refused_for_now_and_taken_once_when_sent_again()
    {
        using var officer = await host.SignInAsync("kim");
        var candidate = (await JsonAsync(await officer.GetAsync("/api/reviews?state=Open&limit=1"), HttpStatusCode.OK)).GetProperty("items")[0];
        var opened = await JsonAsync(await officer.PostAsync($"/api/reviews/{candidate.GetProperty("taxpayerId").GetString()}/{candidate.GetProperty("exchange").GetString()}/{candidate.GetProperty("accountId").GetString()}/approval", null), HttpStatusCode.OK);
        var id = opened.GetProperty("seizure").GetProperty("seizureId").GetString()!;
        var path = $"/api/cases/{Uri.EscapeDataString(id)}";
        await JsonAsync(await officer.GetAsync(path), HttpStatusCode.OK);
        await WriteBesideAsync(new GrainKey(SeizureGrain.TypeName, id));

        var request = new { reason = "holder is a namesake" };
        var refused = await JsonAsync(await officer.PostAsJsonAsync(path + "/cancellation", request), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("another writer", refused.GetProperty("detail").GetString());
        await JsonAsync(await officer.PostAsJsonAsync(path + "/cancellation", request), HttpStatusCode.OK);
        var history = (await JsonAsync(await officer.GetAsync(path), HttpStatusCode.OK)).GetProperty("history").EnumerateArray();
        Assert.Single(history, e => e.GetProperty("event").TryGetProperty("reason", out var reason) && reason.GetString() == request.reason);
    }

    /// <summary>The grain's state written again as it is, one version on, as a writer beside its activation would.</summary>
    private async Task WriteBesideAsync(GrainKey key)
    {
        var states = host.Services.GetRequiredService<TrackingContext>().States;
        var stored = (await states.ReadAsync(key, CancellationToken.None))!;
        await states.WriteAsync(new StateWrite(key, stored.Version, stored.Json, [], DateTimeOffset.UtcNow), CancellationToken.None);
    }
}
