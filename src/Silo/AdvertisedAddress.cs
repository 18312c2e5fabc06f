using System.Net;
using System.Net.Sockets;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Silo;

/// <summary>
/// The address other silos and clients use to reach this silo (<c>Orleans:AdvertisedIP</c>): an IP, <c>auto</c> for
/// this host's first non-loopback IPv4 address (containers, whose address is known only at start), or unset for
/// 127.0.0.1 (one machine).
/// </summary>
public static class AdvertisedAddress
{
    public static IPAddress Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.Loopback;
        }
        if (string.Equals(configured, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return Dns.GetHostAddresses(Dns.GetHostName())
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?? throw new StartupException("Orleans:AdvertisedIP=auto found no non-loopback IPv4 address on this host.");
        }
        return IPAddress.TryParse(configured, out var address)
            ? address
            : throw new StartupException($"Orleans:AdvertisedIP '{configured}' is not an IP address (or 'auto').");
    }
}
