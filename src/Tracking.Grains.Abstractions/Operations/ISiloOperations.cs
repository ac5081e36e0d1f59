using Orleans.Services;

namespace Tracking.Grains.Operations;

/// <summary>What every silo answers for itself (an Orleans grain service, one per silo).</summary>
[Alias("silo-operations")]
public interface ISiloOperations : IGrainService
{
    /// <summary>What this silo has done since its process started.</summary>
    [Alias("figures")]
    Task<SiloFigures> ReadFiguresAsync();

    /// <summary>Shuts this silo down gracefully.</summary>
    [Alias("stop"), OneWay]
    Task StopAsync();
}
