using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Runtime.Services;
using Tracking.Grains.Operations;

namespace Tracking.Silo.Telemetry;

/// <summary>What a silo answers for itself: its figures, and a graceful stop when an operator asks.</summary>
[Reentrant]
internal sealed class SiloOperations(
    GrainId id,
    Orleans.Runtime.Silo silo,
    ILoggerFactory loggers,
    SiloTelemetry telemetry,
    GrainCallMonitor calls,
    ILocalSiloDetails details,
    IHostApplicationLifetime lifetime)
    : GrainService(id, silo, loggers), ISiloOperations
{
    public Task<SiloFigures> ReadFiguresAsync() =>
        Task.FromResult(SiloFiguresReader.Of(telemetry.Read(), details.SiloAddress.ToString(), calls.Running));

    public Task StopAsync()
    {
        // Off this turn: the stop waits for the silo's own grain services, this one included.
        _ = Task.Run(lifetime.StopApplication);
        return Task.CompletedTask;
    }
}

/// <summary>Reaches a given silo's <see cref="ISiloOperations"/>.</summary>
internal sealed class SiloOperationsClient(IServiceProvider services) : GrainServiceClient<ISiloOperations>(services)
{
    public ISiloOperations On(SiloAddress silo) => GetGrainService(silo);
}
