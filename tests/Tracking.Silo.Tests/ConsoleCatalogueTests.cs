using System.Text.Json;
using System.Text.RegularExpressions;
using Tracking.Domain.Seizures;
using Tracking.Domain.Suspense;
using Tracking.Grains.Seizures;
using Tracking.Grains.Taxpayers;
using Tracking.Silo.Access;
using Tracking.TestingHost;

namespace Tracking.Silo.Tests;

/// <summary>
/// The console's Korean catalogue (site/messages/ko.json) against the code: every message the pages
/// ask for, and every name the API shows (states, steps, documents, roles), has its Korean.
/// </summary>
public sealed partial class ConsoleCatalogueTests
{
    private static readonly string s_site = Path.Combine(RepositoryPaths.Root, "src", "Tracking.Silo", "WebConsole", "site");

    [Fact]
    public void Every_message_the_pages_ask_for_has_its_korean_with_the_same_placeholders()
    {
        var messages = Catalogue().GetProperty("messages");
        var asked = Directory.EnumerateFiles(s_site, "*.js", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "lib" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => Message().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: m.Groups["text"].Value.Replace("\\'", "'", StringComparison.Ordinal))))
            .ToArray();
        Assert.True(asked.Length > 150, $"only {asked.Length} messages found: the pattern no longer finds t('…')");

        var missing = asked.Where(a => !messages.TryGetProperty(a.Text, out _)).Select(a => $"{a.File}: {a.Text}").Distinct().ToArray();
        Assert.True(missing.Length == 0, "messages without Korean: " + string.Join(" | ", missing));
        var mismatched = messages.EnumerateObject().Where(m => !Placeholders(m.Name).SequenceEqual(Placeholders(m.Value.GetString()!))).Select(m => m.Name).ToArray();
        Assert.True(mismatched.Length == 0, "Korean messages whose placeholders differ: " + string.Join(" | ", mismatched));
    }

    [Fact]
    public void Every_name_the_api_shows_has_its_korean()
    {
        var terms = Catalogue().GetProperty("terms");
        var names = new[] { typeof(SeizureStatus), typeof(SeizureOutcome), typeof(SeizureDocumentKind), typeof(ExchangeRequestKind), typeof(CaseApproval), typeof(ReviewState), typeof(SuspenseStatus) }
            .SelectMany(Enum.GetNames)
            .Concat(typeof(SeizureEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SeizureEvent)) && !t.IsAbstract).Select(t => t.Name))
            .Concat(ConsoleRole.All)
            .Distinct()
            .ToArray();

        var missing = names.Where(n => !terms.TryGetProperty(n, out var korean) || !Regex.IsMatch(korean.GetString()!, @"\p{IsHangulSyllables}")).ToArray();
        Assert.True(missing.Length == 0, "names without Korean: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_korean_problem_detail_keeps_the_placeholders_of_its_english()
    {
        var catalogue = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Tracking.Silo", "Api", "messages", "ko.json"))).RootElement;
        var entries = catalogue.GetProperty("details").EnumerateObject().ToArray();
        Assert.True(entries.Length > 20, $"{entries.Length} entries");
        Assert.DoesNotContain(entries, e => !Placeholders(e.Name).SequenceEqual(Placeholders(e.Value.GetString()!)) || !Regex.IsMatch(e.Value.GetString()!, @"\p{IsHangulSyllables}"));
    }

    private static JsonElement Catalogue() => JsonDocument.Parse(File.ReadAllText(Path.Combine(s_site, "messages", "ko.json"))).RootElement.Clone();

    private static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Order(StringComparer.Ordinal)];

    /// <summary>A message asked for in a page: t('text', …), the text a single-quoted literal.</summary>
    [GeneratedRegex(@"\bt\('(?<text>(?:[^'\\]|\\.)*)'")]
    private static partial Regex Message();
}
