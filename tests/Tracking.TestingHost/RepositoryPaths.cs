namespace Tracking.TestingHost;

/// <summary>Where the repository and the shared inputs beside it are, from a test's point of view.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/samples: sample input files with the true owner pairs.</summary>
    public static string Samples => Shared("samples");

    /// <summary>../shared/data/febrl: labelled public record-linkage data.</summary>
    public static string Febrl => Shared(Path.Combine("data", "febrl"));

    public static string ExchangeProfiles => Path.Combine(Root, "cluster-config", "exchanges");

    private static string Shared(string folder)
    {
        var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", folder));
        return Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"{path} is missing: the tests expect the shared folder beside the repository (../shared).");
    }

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
