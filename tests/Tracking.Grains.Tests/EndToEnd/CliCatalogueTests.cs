using System.Text.Json;
using System.Text.RegularExpressions;
using Tracking.TestingHost;

namespace Tracking.Grains.Tests.EndToEnd;

/// <summary>The command line's Korean catalogue (src/Tracking.Cli/messages/ko.json) against what the program says.</summary>
public sealed partial class CliCatalogueTests
{
    private static readonly string s_cli = Path.Combine(RepositoryPaths.Root, "src", "Tracking.Cli");

    [Fact]
    public void Every_message_the_program_says_has_its_korean_with_the_same_placeholders_and_no_other()
    {
        var messages = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_cli, "messages", "ko.json"))).RootElement.GetProperty("messages")
            .EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
        var said = Directory.EnumerateFiles(s_cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Message().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups["text"].Value)))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(said.Count > 25, $"only {said.Count} messages found: the pattern no longer finds Say.T(\"…\")");

        Assert.DoesNotContain(said, s => !messages.ContainsKey(s));
        Assert.DoesNotContain(messages.Keys, k => !said.Contains(k));
        Assert.DoesNotContain(messages, m => !Placeholders(m.Key).SequenceEqual(Placeholders(m.Value)) || !Regex.IsMatch(m.Value, @"\p{IsHangulSyllables}"));
    }

    private static string[] Placeholders(string text) => [.. Regex.Matches(text, @"\{\d+(:[^}]*)?\}").Select(m => m.Value).Order(StringComparer.Ordinal)];

    /// <summary>A message the program says: Say.T("text", …), the text a string literal.</summary>
    [GeneratedRegex(@"Say\.T\(""(?<text>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Message();
}
