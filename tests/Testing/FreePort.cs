using System.Net;
using System.Net.Sockets;

namespace DiuParibahan.Testing;

/// <summary>Hands out loopback TCP ports that are free now and not handed out before in this process.</summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// Asks the OS for an ephemeral port on 127.0.0.1. Tests in one assembly run in parallel and a port is only
    /// bound some time after it was picked, so the same port is never handed out twice in one process.
    /// </summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
