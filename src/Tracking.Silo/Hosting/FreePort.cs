using System.Net;
using System.Net.Sockets;

namespace Tracking.Silo.Hosting;

/// <summary>A TCP port nobody listens on now, for a silo that needs one of its own (Orleans takes no port 0).</summary>
public static class FreePort
{
    public static int Find(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
