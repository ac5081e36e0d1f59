using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Views;

namespace Tracking.Grains;

/// <summary>The grain classes of Tracking, for a silo to host.</summary>
public static class GrainRegistration
{
    public static GrainTypeRegistry AddTrackingGrains(this GrainTypeRegistry registry) => registry
        .Add<ITaxpayerGrain, TaxpayerGrain>()
        .Add<IExchangeAccountGrain, ExchangeAccountGrain>()
        .Add<IMatchShardGrain, MatchShardGrain>()
        .Add<ISweepGrain, SweepGrain>()
        .Add<ISeizureGrain, SeizureGrain>();

    /// <summary>The read models Tracking's grains keep, for the silo to index.</summary>
    public static IReadOnlyList<ViewDefinition> Views { get; } = [CaseRow.Definition, ReceiptRow.Definition, ReviewRow.Definition];
}
