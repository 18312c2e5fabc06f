using System.Net;
using System.Net.Sockets;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Code requests per client address over the last minute, as a sliding estimate (this minute's count plus the share of
/// last minute's that still falls inside the window). It does not refuse anything: it tells the code request whether
/// the address is within its free allowance and, past it, how busy it is, which sets the puzzle's difficulty.
/// Bounded: at most <c>capacity</c> addresses; when full of addresses seen in the last two minutes, an address not yet
/// known is reported as past any allowance, so a flood of new addresses costs work rather than memory.
/// </summary>
public sealed class OtpAddressMeter(TimeProvider clock, int capacity)
{
    private static readonly long Window = TimeSpan.FromMinutes(1).Ticks;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counter> _counters = [];
    private long _nextSweep;

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
    public double Count(string key)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var windowStart = now - now % Window;
        lock (_gate)
        {
            Sweep(now, force: false);
            if (!_counters.TryGetValue(key, out var counter))
            {
                if (_counters.Count >= capacity)
                {
                    Sweep(now, force: true);
                }
                if (_counters.Count >= capacity)
                {
                    return double.PositiveInfinity;
                }
                counter = new Counter { WindowStart = windowStart };
                _counters[key] = counter;
            }
            counter.Roll(windowStart);
            counter.Current++;
            var previousShare = 1 - (double)(now - windowStart) / Window;
            return counter.Current + counter.Previous * previousShare;
        }
    }

    // Forgets addresses quiet for two whole windows (their estimate is zero); at most once a window unless full.
    private void Sweep(long now, bool force)
    {
        if (!force && now < _nextSweep)
        {
            return;
        }
        _nextSweep = now + Window;
        var quietBefore = now - now % Window - Window;
        foreach (var (key, counter) in _counters)
        {
            if (counter.WindowStart < quietBefore)
            {
                _counters.Remove(key);
            }
        }
    }

    private sealed class Counter
    {
        public long WindowStart;
        public int Previous;
        public int Current;

        public void Roll(long windowStart)
        {
            if (windowStart == WindowStart)
            {
                return;
            }
            Previous = windowStart - WindowStart == Window ? Current : 0;
            Current = 0;
            WindowStart = windowStart;
        }
    }
}
