using System.Net;
using System.Security.Cryptography;

namespace DiuParibahan.Benchmarks.Load;

/// <summary>
/// A system under test at a loopback address. All its visitors share one pooled connection handler; each visitor is
/// a cheap <see cref="HttpClient"/> carrying its own owner cookie, as a browser would.
/// </summary>
public sealed class Target(string name, Uri address) : IDisposable
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

    public void Dispose() => _handler.Dispose();
}
