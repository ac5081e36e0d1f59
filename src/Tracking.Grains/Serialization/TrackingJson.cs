using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracking.Domain.Accounts;
using Tracking.Domain.Ledger;
using Tracking.Domain.Seizures;
using Tracking.Grains.Matching;
using Tracking.Grains.Sweeps;

namespace Tracking.Grains.Serialization;

/// <summary>
/// The JSON options grains are stored and sent with. Event hierarchies get their type markers
/// here rather than by attributes, so the domain stays free of serialization concerns.
/// </summary>
public static class TrackingJson
{
    private static readonly Dictionary<Type, Type[]> s_eventTypes = new()
    {
        [typeof(TaxpayerEvent)] = [typeof(TaxpayerRegistered), typeof(TaxItemAssessed), typeof(PaymentApplied), typeof(MatchCandidateRecorded), typeof(CandidateReviewed), typeof(SeizureAttached), typeof(SeizureDetached), typeof(ProceedsHeld), typeof(CoverReserved)],
        [typeof(SeizureEvent)] = [typeof(SeizureOpened), typeof(ExchangeRequestIssued), typeof(SeizureTookEffect), typeof(DocumentIssued), typeof(SaleWarned), typeof(SaleProposed), typeof(SaleApproved), typeof(SaleFilled), typeof(ProceedsReceived), typeof(ProceedsDistributed), typeof(ReleaseConfirmed), typeof(CancellationRequested), typeof(SeizureCancelled), typeof(SeizureRejected), typeof(SeizureClosed)],
        [typeof(AccountEvent)] = [typeof(AccountReported), typeof(AccountCandidateRecorded)],
        [typeof(MatchShardEvent)] = [typeof(TaxpayersIndexed), typeof(AccountsIndexed)],
        [typeof(SweepEvent)] = [typeof(SweepCompleted)],
    };

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = TrackingJsonContext.Default.WithAddedModifier(AddEventTypes),
            AllowOutOfOrderMetadataProperties = true,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void AddEventTypes(JsonTypeInfo typeInfo)
    {
        if (s_eventTypes.TryGetValue(typeInfo.Type, out var derived))
        {
            typeInfo.PolymorphismOptions = new JsonPolymorphismOptions();
            foreach (var type in derived)
            {
                typeInfo.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
            }
        }
    }
}
