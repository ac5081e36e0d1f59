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
    private readonly KnownIds _known = new();

    public Importer Importer(ImporterOptions? options = null) => new(Grains, States, Clock, options);

    /// <summary>Whether the taxpayer is on the roll (their ledger is stored), asked of the store without activating a grain.</summary>
    public Task<bool> IsOnRollAsync(string taxpayerId, CancellationToken cancellationToken) =>
        _known.ExistsAsync(Taxpayers.TaxpayerGrain.TypeName, taxpayerId, async () =>
            await States.ReadAsync(new Storage.GrainKey(Taxpayers.TaxpayerGrain.TypeName, taxpayerId), cancellationToken) is not null);

    /// <summary>Whether a seizure with this id was ever opened (its case row is stored), asked of the store without activating a grain.</summary>
    public Task<bool> IsCaseAsync(string caseId, CancellationToken cancellationToken) =>
        _known.ExistsAsync(Seizures.CaseRow.View, caseId, async () => await Views.FindAsync(Seizures.CaseRow.View, caseId, cancellationToken) is not null);
}
