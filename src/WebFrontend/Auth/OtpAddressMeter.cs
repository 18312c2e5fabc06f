using System.Net;
using System.Net.Sockets;
using DiuParibahan.WebFrontend.Limits;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Code requests per client address over the last minute, counted across the cluster (<see cref="SharedCounts"/>) as a
/// sliding estimate (this minute's count plus the share of last minute's that still falls inside the window). It does
/// not refuse anything: it tells the code request whether the address is within its free allowance and, past it, how
/// busy it is, which sets the puzzle's difficulty. With several frontends one address's requests are summed over all
/// of them, and a frontend's restart does not reset them. Bounded: when the counts are full of addresses of the last
/// two minutes, an address not yet known is reported as past any allowance, so a flood of new addresses costs work
/// rather than memory.
/// </summary>
public sealed class OtpAddressMeter(SharedCounts counts)
{
    /// <summary>The limiter name of these counts in the cluster.</summary>
    public const string Limiter = "otp-address";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The key an address is counted under: an IPv4 address (IPv4-mapped IPv6 included) as itself, an IPv6 address by
    /// its /64, since a single subscriber is usually given a whole /64 and could otherwise mint addresses for free.
    /// </summary>
    public static string KeyFor(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Counts one request from <paramref name="key"/> and returns the address's estimated requests in the last minute, this one included.</summary>
    public double Count(string key) => counts.AddSliding(Limiter, key, Window);
}
