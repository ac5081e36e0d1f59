using System.Text.Json;

namespace Tracking.Silo.Access;

/// <summary>Who may use the case API and web console, and what imports through them need.</summary>
public sealed class ConsoleOptions
{
    /// <summary>People who may sign in. Default none: nobody can sign in until users are given.</summary>
    public IReadOnlyList<ConsoleUser> Users { get; init; } = [];

    /// <summary>The exchange profiles uploads of account lists are read with. Default <c>cluster-config/exchanges</c> when found.</summary>
    public string? ProfilesDirectory { get; init; }

    /// <summary>The RRN hashing key for uploaded files; null refuses uploads.</summary>
    public Func<byte[]>? RrnKey { get; init; }

    /// <summary>
    /// The largest upload (all of its files together) the console takes, in bytes; larger ones are
    /// refused with 413 before they are read. Default 32 MiB: about 300,000 account rows. Larger
    /// lists go through <c>./tracking import</c>, which reads any size.
    /// </summary>
    public long MaxUploadBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>How failed sign-ins are slowed down. Default <see cref="SignInOptions"/>' defaults.</summary>
    public SignInOptions SignIn { get; init; } = new();

    /// <summary>The largest JSON body any other endpoint takes, in bytes (413 beyond). Default 64 KiB.</summary>
    public long MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// How old the total on the first page of the case list and the review queue may be: people
    /// opening the same list within it share one count (counting 100,000 cases on every first page
    /// held the list to about 130 pages a second). The rows are always read fresh; only the number
    /// may lag behind them. Default 5 seconds; zero counts every first page.
    /// </summary>
    public TimeSpan ListTotalMaxAge { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The demonstration users of a first run, each with their name as password: officers kim and park, supervisors lee and han (so that each can approve what the other may not), auditor choi, operator jung.</summary>
    public static IReadOnlyList<ConsoleUser> DemoUsers() =>
        [.. new[] { ("kim", ConsoleRole.Officer), ("park", ConsoleRole.Officer), ("lee", ConsoleRole.Supervisor), ("han", ConsoleRole.Supervisor), ("choi", ConsoleRole.Auditor), ("jung", ConsoleRole.Operator) }
            .Select(u => new ConsoleUser(u.Item1, u.Item2, PasswordHash.Create(u.Item1)))];

    /// <summary>Users from a JSON file: <c>[{"name":"kim","role":"officer","passwordHash":"pbkdf2-sha256$…"}]</c>.</summary>
    public static IReadOnlyList<ConsoleUser> LoadUsers(string path)
    {
        var users = JsonSerializer.Deserialize(File.ReadAllText(path), Api.ApiJsonContext.Default.ConsoleUserArray)
            ?? throw new InvalidDataException($"{path}: no users");
        foreach (var user in users.Where(u => !ConsoleRole.All.Contains(u.Role)))
        {
            throw new InvalidDataException($"{path}: user {user.Name} has unknown role '{user.Role}'; roles are {string.Join(", ", ConsoleRole.All)}");
        }

        return users;
    }
}
