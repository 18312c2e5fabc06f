using System.Net;
using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// Behind our own nginx every request arrives from the proxy's address; per-address allowances must count the passenger's
/// address that the proxy forwards, and a client must not be able to choose that address by sending the header itself.
/// The connections here come from loopback, which is where the cluster script runs nginx (a trusted proxy by default).
/// </summary>
public sealed class ProxyAddressTests(ProofOfWorkAppFixture app) : IClassFixture<ProofOfWorkAppFixture>
{
    private async Task<HttpStatusCode> AskForCodeAsync(string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/otp")
        {
            Content = JsonContent.Create(new { phone = AuthClient.NewPhone() }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        // All from the one proxy address, as nginx's upstream connections are.
        using var client = app.VisitorFrom("127.0.0.41");
        return (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    [Fact]
    public async Task BehindTheProxy_EachForwardedAddress_HasItsOwnFreeAllowance()
    {
        Assert.Equal(HttpStatusCode.Accepted, await AskForCodeAsync("203.0.113.10"));
        Assert.Equal(HttpStatusCode.Accepted, await AskForCodeAsync("203.0.113.10"));
        Assert.Equal(HttpStatusCode.PreconditionRequired, await AskForCodeAsync("203.0.113.10"));

        // Another passenger behind the same proxy is not charged for the first one's requests.
        Assert.Equal(HttpStatusCode.Accepted, await AskForCodeAsync("203.0.113.11"));
    }

    [Fact]
    public async Task AClientWritingItsOwnForwardedFor_IsStillCountedAtTheAddressTheProxyAppended()
    {
        // nginx appends the address it saw to whatever the client sent; only that last entry is believed.
        Assert.Equal(HttpStatusCode.Accepted, await AskForCodeAsync("198.51.100.1, 203.0.113.20"));
        Assert.Equal(HttpStatusCode.Accepted, await AskForCodeAsync("198.51.100.2, 203.0.113.20"));
        Assert.Equal(HttpStatusCode.PreconditionRequired, await AskForCodeAsync("198.51.100.3, 203.0.113.20"));
    }
}
