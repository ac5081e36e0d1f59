namespace Tracking.Silo.Hosting;

/// <summary>Where the exchanges are when nothing else says: <c>TRACKING_EXCHANGE_URL</c>, the root under which each exchange's API lives (<c>{url}/{exchange}/</c>).</summary>
public static class ExchangeSettings
{
    public const string Variable = "TRACKING_EXCHANGE_URL";

    public static Uri? ApiRootFromEnvironment() => ApiRoot(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The root as a directory URI (with a trailing slash), so exchange paths append to it; null when empty.</summary>
    public static Uri? ApiRoot(string? url) => url is { Length: > 0 } ? new Uri(url.EndsWith('/') ? url : url + "/") : null;
}
