using Tracking.Grains.Accounts;
using Tracking.Grains.Matching;
using Tracking.Grains.Seizures;
using Tracking.Grains.Sweeps;
using Tracking.Grains.Taxpayers;
using Tracking.Runtime.Hosting;
using Tracking.Grains.Serialization;

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

    /// <summary>The JSON of Tracking's grain states, events and read models, and the read models to index.</summary>
    public static SiloOptions UseTrackingGrains(this SiloOptions options)
    {
        options.Json = TrackingJson.Options;
        options.ViewJson = ViewJsonContext.Default.Options;
        foreach (var view in new[] { CaseRow.Definition, ReceiptRow.Definition, ReviewRow.Definition })
        {
            options.Views.Add(view);
        }

        return options;
    }
}
