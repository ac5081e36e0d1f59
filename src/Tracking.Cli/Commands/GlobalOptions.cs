using System.CommandLine;
using Tracking.Grains.Exchanges;
using Tracking.Silo.Hosting;

namespace Tracking.Cli.Commands;

/// <summary>Options every command accepts, wherever they appear on the line.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data directory of the embedded store (SQLite); created if missing",
        DefaultValueFactory = _ => StorageSettings.DefaultDataDirectory,
        Recursive = true,
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Use PostgreSQL instead of the embedded store (an Npgsql connection string)",
        Recursive = true,
    };

    public static readonly Option<string?> Cluster = new("--cluster")
    {
        Description = "Run against a running cluster of silos on this PostgreSQL (an Npgsql connection string): the command's calls go to the silos",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write results as JSON",
        Recursive = true,
    };

    public static readonly Option<string?> ExchangeUrl = new("--exchange-url")
    {
        Description = $"Root of the exchanges' APIs, each at URL/EXCHANGE/ (the exchange simulator serves them so); default ${ExchangeSettings.Variable}",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ExchangeSettings.Variable),
        Recursive = true,
    };

    public static readonly Option<DirectoryInfo> Profiles = new("--profiles")
    {
        Description = "Folder of exchange profiles (one JSON file per exchange)",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(AppContext.BaseDirectory, "exchanges")),
    };

    public static IReadOnlyDictionary<string, Ingest.Accounts.ExchangeProfile> LoadProfiles(ParseResult result) =>
        Ingest.Accounts.ExchangeProfile.LoadAll(result.GetValue(Profiles)!.FullName);

    /// <summary>Where the exchanges are, and the secret their callbacks are checked with (a cluster's client takes no callbacks).</summary>
    public static ExchangeOptions Exchanges(ParseResult result) => new()
    {
        ApiRoot = ExchangeSettings.ApiRoot(result.GetValue(ExchangeUrl)),
        CallbackSecret = result.GetValue(Cluster) is { Length: > 0 } ? null : CallbackSecretStore.Load(result.GetValue(Data)!),
    };

    public static StorageSettings Storage(ParseResult result) =>
        new(result.GetValue(Data)!, result.GetValue(Postgres));
}
