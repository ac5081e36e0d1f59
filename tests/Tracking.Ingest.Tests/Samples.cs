using System.Text.Json;
using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;

namespace Tracking.Ingest.Tests;

/// <summary>The shared sample files (../shared/samples beside the repository) and the repository's exchange profiles.</summary>
internal static class Samples
{
    public static readonly byte[] RrnKey = "test-key-for-rrn-hashing-only-32"u8.ToArray();

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory => Path.Combine(RepositoryRoot, "..", "shared", "samples");

    public static string File(string name) => Path.Combine(Directory, name);

    public static IReadOnlyDictionary<string, ExchangeProfile> Profiles => ExchangeProfile.LoadAll(Path.Combine(RepositoryRoot, "cluster-config", "exchanges"));

    public static readonly (string Exchange, string File)[] ExchangeFiles =
        [("upbit", "upbit.csv"), ("bithumb", "bithumb.csv"), ("coinone", "coinone.csv"), ("korbit", "korbit.tsv"), ("gopax", "gopax.csv")];

    public static RollFile Roll() => RollReader.Read(File("taxpayers.csv"), File("tax_items.csv"), RrnKey);

    public static IReadOnlyList<AccountFile> Accounts() =>
        ExchangeFiles.Select(e => AccountFileReader.Read(File(e.File), Profiles[e.Exchange], RrnKey)).ToArray();

    public static (HashSet<(string, string, string)> Pairs, HashSet<(string, string, string)> Decoys) Truth()
    {
        using var truth = JsonDocument.Parse(System.IO.File.ReadAllText(File("truth.json")));
        static (string, string, string) Triple(JsonElement e) => (e[0].GetString()!, e[1].GetString()!, e[2].GetString()!);
        return (truth.RootElement.GetProperty("pairs").EnumerateArray().Select(Triple).ToHashSet(),
                truth.RootElement.GetProperty("decoys").EnumerateArray().Select(Triple).ToHashSet());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Tracking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tracking.sln not found above the test directory.");
    }
}
