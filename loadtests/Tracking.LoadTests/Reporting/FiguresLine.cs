using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tracking.LoadTests.Reporting;

/// <summary>
/// A benchmark's figures as the one JSON line it ends with, <c>{"benchmark":"NAME",…}</c>, for
/// scripts (the before/after comparison reads them back). Figures are rounded to two decimals.
/// </summary>
internal static class FiguresLine
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web) { Converters = { new RoundedDouble() } };

    public static void Write<TFigures>(string benchmark, TFigures figures)
    {
        var line = new JsonObject { ["benchmark"] = benchmark };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(figures, s_options)!.AsObject().ToArray())
        {
            line[name] = value?.DeepClone();
        }

        Console.WriteLine(line.ToJsonString(s_options));
    }

    /// <summary>The figures of <paramref name="benchmark"/> from the last line of its output.</summary>
    public static TFigures Read<TFigures>(string benchmark, string path)
    {
        var last = File.ReadLines(path).LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidDataException($"{path} holds no JSON line.");
        var line = JsonNode.Parse(last)!.AsObject();
        return (string?)line["benchmark"] == benchmark
            ? line.Deserialize<TFigures>(s_options)!
            : throw new InvalidDataException($"{path} holds the figures of {line["benchmark"]}, not of {benchmark}.");
    }

    /// <summary>Two decimals say all a benchmark can; a figure that could not be had (no samples) is written as "NaN".</summary>
    private sealed class RoundedDouble : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? double.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(Math.Round(value, 2));
            }
            else
            {
                writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
