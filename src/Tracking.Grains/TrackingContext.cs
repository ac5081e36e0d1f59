using Tracking.Grains.Imports;
using Tracking.Storage.Persistence;
using Tracking.Storage.Views;

namespace Tracking.Grains;

/// <summary>
/// What the case API, the command line and the scenario driver work with: the grains, the store
/// their state lives in (for bulk loads and listings), its read models, and the grains' clock.
/// </summary>
public sealed record TrackingContext(IGrainFactory Grains, GrainStateStore States, IViewStore Views, TimeProvider Clock)
{
    public Importer Importer(ImporterOptions? options = null) => new(Grains, States, Clock, options);

    /// <summary>Whether the taxpayer is on the roll (their ledger is stored), asked of the store without activating a grain.</summary>
    public async Task<bool> IsOnRollAsync(string taxpayerId, CancellationToken cancellationToken) =>
        await States.ReadAsync(new Storage.GrainKey(Taxpayers.TaxpayerGrain.TypeName, taxpayerId), cancellationToken) is not null;
}
