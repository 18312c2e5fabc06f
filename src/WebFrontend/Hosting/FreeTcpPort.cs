using System.Net;
using System.Net.Sockets;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>A loopback TCP port nobody listens on right now, for the embedded silo's internal endpoints.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
