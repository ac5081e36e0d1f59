namespace Tracking.TestingHost;

/// <summary>Where the repository and the shared inputs beside it are, from a test's point of view.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/samples: sample input files with the true owner pairs.</summary>
    public static string Samples => Path.GetFullPath(Path.Combine(Root, "..", "shared", "samples"));

    /// <summary>../shared/data/febrl: labelled public record-linkage data.</summary>
    public static string Febrl => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "febrl"));

    public static string ExchangeProfiles => Path.Combine(Root, "cluster-config", "exchanges");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tracking.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tracking.sln not found above the test directory.");
    }
}
