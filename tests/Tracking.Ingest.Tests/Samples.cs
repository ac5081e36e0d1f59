using Tracking.Ingest.Accounts;
using Tracking.Ingest.Roll;
using Tracking.TestingHost;

namespace Tracking.Ingest.Tests;

/// <summary>The shared sample files (../shared/samples beside the repository) and the repository's exchange profiles.</summary>
internal static class Samples
{
    public static readonly byte[] RrnKey = "test-key-for-rrn-hashing-only-32"u8.ToArray();

    public static string File(string name) => Path.Combine(RepositoryPaths.Samples, name);

    public static IReadOnlyDictionary<string, ExchangeProfile> Profiles => ExchangeProfile.LoadAll(RepositoryPaths.ExchangeProfiles);

    public static RollFile Roll() => RollReader.Read(File("taxpayers.csv"), File("tax_items.csv"), RrnKey);

    public static IReadOnlyList<AccountFile> Accounts() =>
        SampleTruth.ExchangeFiles.Select(e => AccountFileReader.Read(File(e.File), Profiles[e.Exchange], RrnKey)).ToArray();

    public static (IReadOnlySet<(string, string, string)> Pairs, IReadOnlySet<(string, string, string)> Decoys) Truth()
    {
        var truth = SampleTruth.Load();
        return (truth.Pairs, truth.Decoys);
    }
}
