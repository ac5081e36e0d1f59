using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Tracking.Cli.Output;

/// <summary>
/// What the command line tells people, in Korean first, in English when <c>TRACKING_LANGUAGE=en</c> (or en-…).
/// As in the web console, the English text is a message's key and <c>messages/ko.json</c> (built
/// into the program) gives its Korean; placeholders {0}, {1}, … are filled in order. A test checks
/// that every message has its Korean with the same placeholders.
/// </summary>
internal static class Say
{
    public const string LanguageVariable = "TRACKING_LANGUAGE";

    private static readonly IReadOnlyDictionary<string, string> s_korean = Load();

    public static bool English { get; } = Environment.GetEnvironmentVariable(LanguageVariable) is { } language
        && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase));

    /// <summary>A message in the reader's language.</summary>
    public static string T(string english, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture, English || !s_korean.TryGetValue(english, out var korean) ? english : korean, values);

    private static Dictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tracking.Cli.messages.ko.json")
            ?? throw new InvalidOperationException("the program was built without its Korean messages");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("messages").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
    }
}
