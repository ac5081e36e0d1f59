using Tracking.TestingHost;
using Tracking.Silo.Scenarios;

namespace Tracking.Grains.Tests.Seizures;

/// <summary>One exchange simulator process for the lifecycle tests; each test works at exchanges named for it.</summary>
public sealed class ExchangeSimFixture : IAsyncLifetime
{
    public ExchangeSimProcess Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await ExchangeSimProcess.StartAsync();

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ExchangeSimCollection : ICollectionFixture<ExchangeSimFixture>
{
    public const string Name = "exchange simulator";
}
