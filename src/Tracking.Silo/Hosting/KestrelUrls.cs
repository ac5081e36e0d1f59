using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Tracking.Silo.Hosting;

/// <summary>
/// Binds URLs such as <c>http://127.0.0.1:5080;http://localhost:0</c> in code: once an endpoint is
/// configured in code (the silo endpoint), Kestrel ignores URLs given any other way.
/// </summary>
internal static class KestrelUrls
{
    public static void Listen(KestrelServerOptions kestrel, string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
            if (uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new ArgumentException($"Only http:// addresses are served (TLS ends at the proxy in front of the silos): {url}");
            }

            if (uri.IsLoopback && uri.Host == "localhost")
            {
                kestrel.ListenLocalhost(uri.Port);
            }
            else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            {
                kestrel.Listen(address, uri.Port);
            }
            else
            {
                throw new ArgumentException($"Listen addresses must be an IP address, localhost or *: {url}");
            }
        }
    }
}
