using System.Net;
using Tracking.Silo.Scenarios;
using static Tracking.Silo.Tests.ConsoleHost;

namespace Tracking.Silo.Tests;

/// <summary>The exchange simulator's callbacks, signed with keys from the host's secret, are taken by the silo, and none is refused.</summary>
public sealed class SignedCallbackTests(ConsoleWithExchanges host) : IClassFixture<ConsoleWithExchanges>
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
}
