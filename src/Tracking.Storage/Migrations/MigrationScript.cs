namespace Tracking.Storage.Migrations;

/// <summary>
/// A versioned schema script of one engine, embedded as <c>ENGINE/NNNN_name.sql</c> (the files
/// live in <c>cluster-config/ENGINE/migrations/</c>); scripts apply in version order, each once.
/// </summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> For(string engine)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = engine + "/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(n, n[prefix.Length..^".sql".Length]))
            .OrderBy(s => s.Version)
            .ToArray();
    }

    private static MigrationScript Load(string resourceName, string fileName)
    {
        var separator = fileName.IndexOf('_');
        if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
        {
            throw new InvalidOperationException($"Migration '{resourceName}' is not named NNNN_name.sql.");
        }

        using var stream = typeof(MigrationScript).Assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
