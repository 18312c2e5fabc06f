using System.Net;
using System.Security.Cryptography;

namespace DiuParibahan.Benchmarks.Load;

/// <summary>
/// A system under test at a loopback address. All its visitors share one pooled connection handler; each visitor is
/// a cheap <see cref="HttpClient"/> carrying its own owner cookie, as a browser would. Where the system lets only
/// verified passengers hold (ours), <paramref name="signIn"/> signs a visitor in (by SMS code) and returns its token.
/// </summary>
public sealed class Target(string name, Uri address, Func<HttpClient, CancellationToken, Task<string>>? signIn = null) : IDisposable
{
    private readonly SocketsHttpHandler _handler = new()
    {
        UseCookies = false,
        MaxConnectionsPerServer = 512,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        AutomaticDecompression = DecompressionMethods.None,
    };

    public string Name { get; } = name;

    public Uri Address { get; } = address;

    public HttpClient NewVisitor()
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("Cookie", "dp_owner=" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        return client;
    }

    /// <summary>A visitor who may hold seats: signed in with a phone of its own where the system needs one.</summary>
    public async Task<HttpClient> NewPassengerAsync(CancellationToken cancellationToken = default)
    {
        var client = NewVisitor();
        if (signIn is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", await signIn(client, cancellationToken));
        }
        return client;
    }

    /// <summary><paramref name="count"/> passengers, signed in 32 at a time before the measured part starts.</summary>
    public async Task<HttpClient[]> NewPassengersAsync(int count, CancellationToken cancellationToken = default)
    {
        var passengers = new HttpClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) => passengers[i] = await NewPassengerAsync(ct));
        return passengers;
    }

    public void Dispose() => _handler.Dispose();
}
