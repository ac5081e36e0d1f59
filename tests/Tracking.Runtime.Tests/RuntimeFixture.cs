using Microsoft.Extensions.DependencyInjection;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Tests.Grains;
using Tracking.TestingHost;

namespace Tracking.Runtime.Tests;

/// <summary>Starts test silos hosting the test grains.</summary>
internal static class RuntimeFixture
{
    public static GrainTypeRegistry Types() => new GrainTypeRegistry()
        .Add<ICounterGrain, CounterGrain>()
        .Add<IReminderGrain, ReminderGrain>()
        .Add<ILabelGrain, LabelGrain>();

    public static Task<TestSilo> StartAsync(TestStorage storage, TimeProvider? time = null, Action<SiloOptions>? configure = null) =>
        TestSilo.StartAsync(storage, Types, TestJsonContext.Options, time, configure, services => services.AddSingleton<ActivationLog>().AddSingleton<TestGates>());
}
