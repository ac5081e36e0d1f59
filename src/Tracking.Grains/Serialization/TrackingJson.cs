using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracking.Domain.Ledger;

namespace Tracking.Grains.Serialization;

/// <summary>
/// The JSON options grains are stored and sent with. Event hierarchies get their type markers
/// here rather than by attributes, so the domain stays free of serialization concerns.
/// </summary>
public static class TrackingJson
{
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
        if (typeInfo.Type == typeof(TaxpayerEvent))
        {
            typeInfo.PolymorphismOptions = new JsonPolymorphismOptions
            {
                DerivedTypes =
                {
                    new JsonDerivedType(typeof(TaxItemAssessed), nameof(TaxItemAssessed)),
                    new JsonDerivedType(typeof(PaymentApplied), nameof(PaymentApplied)),
                },
            };
        }
    }
}
