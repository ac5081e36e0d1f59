namespace Tracking.Storage.Migrations;

/// <summary>Which migrations a store still needs, given those it records as applied.</summary>
internal static class SchemaHistory
{
    /// <summary>
    /// The scripts not yet applied, in order. A store whose recorded migrations are not this
    /// program's (another version's schema, e.g. one made before the move onto Orleans) is refused
    /// with a clear message rather than half-upgraded.
    /// </summary>
    public static IEnumerable<MigrationScript> Pending(IReadOnlyList<MigrationScript> scripts, IReadOnlyDictionary<int, string> applied, string store)
    {
        foreach (var (version, name) in applied)
        {
            if (scripts.FirstOrDefault(s => s.Version == version) is not { } script || script.Name != name)
            {
                throw new Persistence.StorageUnavailableException(
                    $"{store} holds schema migration {version:D4}_{name}, which this program does not know: it was made by another version of Tracking. Use a new store (e.g. --data NEWDIR, or a new database or schema).");
            }
        }

        return scripts.Where(s => !applied.ContainsKey(s.Version));
    }
}
