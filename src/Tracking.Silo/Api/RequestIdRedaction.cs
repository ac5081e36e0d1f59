using System.Text.Json.Serialization.Metadata;

namespace Tracking.Silo.Api;

/// <summary>
/// Case answers without the exchange request ids and the seizure's incarnation they are made from:
/// only an exchange answers a request, and an id known outside the office would be half of a
/// forged answer. No role of the console acts on them; the command line, an operator's tool,
/// still shows them. Left out of the contract of every grain type the API writes, so answers are
/// serialized once, with nothing to take out afterwards.
/// </summary>
internal static class RequestIdRedaction
{
    private static readonly string[] s_hidden = ["requestId", "incarnation"];

    /// <summary>A contract modifier for the grains' types: those properties are never written (they are still read).</summary>
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (s_hidden.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                property.ShouldSerialize = static (_, _) => false;
            }
        }
    }
}
