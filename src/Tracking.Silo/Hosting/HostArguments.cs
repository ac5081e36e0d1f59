namespace Tracking.Silo.Hosting;

/// <summary>What every Tracking process gives .NET's host as its own command-line configuration.</summary>
public static class HostArguments
{
    /// <summary>
    /// No watching appsettings.json for changes. Tracking's settings come from its environment
    /// variables, and the watcher follows every file under the working directory, the embedded
    /// store's <c>./data</c> included: each write the store made cost the watcher's thread a look.
    /// </summary>
    public const string NoConfigurationReload = "--hostBuilder:reloadConfigOnChange=false";

    public static string[] With(string[]? args) => [NoConfigurationReload, .. args ?? []];
}
