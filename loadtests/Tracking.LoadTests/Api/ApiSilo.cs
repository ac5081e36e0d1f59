using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Tracking.Grains.Exchanges;
using Tracking.Silo.Access;
using Tracking.Silo.Hosting;
using Tracking.Silo.Scenarios;

namespace Tracking.LoadTests.Api;

/// <summary>The silo the API benchmarks measure: its case API on a free loopback port, the demo users signed in by name, the simulator as its exchanges.</summary>
internal static class ApiSilo
{
    public static WebApplication Build(StorageSettings storage, ExchangeSimProcess simulator, string profiles, TimeProvider? clock = null) =>
        SiloWebHost.Build(new SiloHostSettings(storage, "http://127.0.0.1:0")
        {
            TimeProvider = clock ?? TimeProvider.System,
            Exchanges = new ExchangeOptions { ApiRoot = simulator.Url, CallbackSecret = simulator.CallbackSecret },
            MinimumLogLevel = LogLevel.Warning,
            Console = new ConsoleOptions { Users = ConsoleOptions.DemoUsers(), ProfilesDirectory = profiles, RrnKey = () => "loadtest-rrn-key-not-a-secret-01"u8.ToArray() },
        });
}
