using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Tracking.Cli.Output;

/// <summary>
/// What the command line tells people, in Korean first, in English when <c>TRACKING_LANGUAGE=en</c> (or en-…).
/// As in the web console, the English text is a message's key and <c>messages/ko.json</c> (built
/// into the program) gives its Korean; placeholders {0}, {1}, … are filled in order. A test checks
/// that every message has its Korean with the same placeholders. Names of states, steps and
/// documents (<see cref="Term"/>) come from the web console's catalogue, built in as well.
/// </summary>
internal static class Say
{
    public const string LanguageVariable = "TRACKING_LANGUAGE";

    private static readonly IReadOnlyDictionary<string, string> s_korean = Load("Tracking.Cli.messages.ko.json", "messages");
    private static readonly IReadOnlyDictionary<string, string> s_terms = Load("Tracking.Cli.terms.ko.json", "terms");

    public static bool English { get; } = Environment.GetEnvironmentVariable(LanguageVariable) is { } language
        && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase));

    /// <summary>A message in the reader's language.</summary>
    public static string T(string english, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture, English || !s_korean.TryGetValue(english, out var korean) ? english : korean, values);

    /// <summary>A name from the system ('SaleWarned', 'SeizureRecord') in the reader's language; as it is in English.</summary>
    public static string Term(object name) =>
        !English && s_terms.TryGetValue(name.ToString()!, out var korean) ? korean : name.ToString()!;

    private static Dictionary<string, string> Load(string resource, string section)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the program was built without {resource}");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty(section).EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
    }
}
