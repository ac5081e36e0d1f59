using System.Reflection;

namespace Tracking.Runtime.Persistence;

/// <summary>
/// A versioned schema script embedded in a provider assembly as <c>migrations/NNNN_name.sql</c>
/// (the files live in <c>cluster-config/</c>); scripts apply in version order, each once.
/// </summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    private const string Prefix = "migrations/";

    public static IReadOnlyList<MigrationScript> LoadEmbedded(Assembly assembly) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .OrderBy(s => s.Version)
            .ToArray();

    private static MigrationScript Load(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[Prefix.Length..^".sql".Length];
        var separator = fileName.IndexOf('_');
        if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
        {
            throw new InvalidOperationException($"Migration '{resourceName}' is not named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
