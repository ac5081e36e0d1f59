using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Tracking.Grains.Serialization;

namespace Tracking.Cli.Output;

/// <summary>Writes a command's result as JSON (for scripts) or as text (for people).</summary>
internal static class ResultWriter
{
    // camelCase, like the HTTP API, so scripts see one shape whichever way they ask.
    private static readonly JsonSerializerOptions s_json = new(GrainJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = JsonTypeInfoResolver.Combine(GrainJson.Options.TypeInfoResolver, CliJsonContext.Default),
    };

    public static void Write<T>(T result, bool json, Action<T> asText)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result, s_json.GetTypeInfo(typeof(T))));
        }
        else
        {
            asText(result);
        }
    }
}
