using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Grains;
using Tracking.Grains.Taxpayers;
using Tracking.Storage;
using Tracking.Storage.Persistence;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// Another writer that moved a grain on behind its activation (a silo lost mid-call, a duplicate
/// activation) makes a request fail as something that passes (503, try again), never a 500; the
/// same request again goes through, once.
/// </summary>
public sealed class WriteConflictApiTests(ConsoleHost host) : IClassFixture<ConsoleHost>
{
    [Fact]
    public async Task A_payment_to_a_ledger_moved_on_behind_its_activation_is_refused_for_now_and_taken_once_when_sent_again()
    {
        const string Taxpayer = "T07-0000058";
        using var officer = await host.SignInAsync("kim");
        var before = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);

        var states = host.Services.GetRequiredService<TrackingContext>().States;
        var key = new GrainKey(TaxpayerGrain.TypeName, Taxpayer);
        var stored = (await states.ReadAsync(key, CancellationToken.None))!;
        await states.WriteAsync(new StateWrite(key, stored.Version, stored.Json, [], DateTimeOffset.UtcNow), CancellationToken.None);

        var payment = new { reference = "CONFLICT-1", amount = 10_000, source = "bank" };
        var refused = await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", payment), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("another writer", refused.GetProperty("detail").GetString());

        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", payment), HttpStatusCode.OK);
        await JsonAsync(await officer.PostAsJsonAsync($"/api/taxpayers/{Taxpayer}/payments", payment), HttpStatusCode.OK);
        var after = await JsonAsync(await officer.GetAsync($"/api/taxpayers/{Taxpayer}"), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("outstanding").GetInt64() - 10_000, after.GetProperty("outstanding").GetInt64());
    }
}
