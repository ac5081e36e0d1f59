using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Tracking.Runtime.Transport;

/// <summary>
/// The Kestrel endpoint other silos and clients call: HTTP/2 only, because cleartext Kestrel
/// endpoints that also speak HTTP/1.1 do not accept HTTP/2 with prior knowledge. Its address is
/// known once the host has bound it (a port of 0 picks a free one).
/// </summary>
public sealed class SiloEndpoint(IPEndPoint endpoint)
{
    private ListenOptions? _listen;

    /// <summary>Loopback on a free port: a cluster on one machine, or tests.</summary>
    public static SiloEndpoint Loopback() => new(new IPEndPoint(IPAddress.Loopback, 0));

    public void Listen(KestrelServerOptions kestrel) =>
        kestrel.Listen(endpoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            _listen = listen;
        });

    /// <summary>The bound address, for <see cref="Membership.ClusterOptions.Address"/>.</summary>
    public Uri Address
    {
        get
        {
            var bound = _listen?.IPEndPoint ?? throw new InvalidOperationException("The silo endpoint is not bound yet: start the host first.");
            var host = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : bound.Address.ToString();
            return new UriBuilder("http", host, bound.Port).Uri;
        }
    }
}
