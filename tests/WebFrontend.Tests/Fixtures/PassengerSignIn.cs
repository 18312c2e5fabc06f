using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Security;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// Passengers signed in through the real SMS-code flow: ask for a code, read the demo code the embedded test app
/// answers with (no SMS gateway is configured there), verify it. Each simulated passenger gets a phone of its own.
/// </summary>
public static class PassengerSignIn
{
    /// <summary>Signs <paramref name="phone"/> (a fresh number if null) in by SMS code and returns the session.</summary>
    public static async Task<AuthClient.Session> SignInByCodeAsync(this WebAppFixture app, string? phone = null)
    {
        using var client = app.NewVisitor();
        return await SignInByCodeAsync(client, phone ?? AuthClient.NewPhone());
    }

    /// <summary>The code flow over <paramref name="client"/>: request, read the demo code, verify.</summary>
    public static async Task<AuthClient.Session> SignInByCodeAsync(HttpClient client, string phone)
    {
        var code = await RequestDemoCodeAsync(client, phone);
        var verified = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code });
        if (verified.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Code sign-in failed: {(int)verified.StatusCode} {await verified.Content.ReadAsStringAsync()}");
        }
        return await AuthClient.ReadSessionAsync(verified);
    }

    /// <summary>Asks for a code for <paramref name="phone"/> and returns the demo code from the 202.</summary>
    public static async Task<string> RequestDemoCodeAsync(HttpClient client, string phone)
    {
        var requested = await client.PostAsJsonAsync("/api/auth/otp", new { phone });
        if (requested.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Code request failed: {(int)requested.StatusCode} {await requested.Content.ReadAsStringAsync()}");
        }
        var body = JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("demoCode").GetString()!;
    }

    /// <summary>A visitor signed in as a passenger with a verified phone (a fresh number if null): may hold seats.</summary>
    public static async Task<HttpClient> NewPassengerAsync(this WebAppFixture app, string? phone = null)
    {
        var client = app.NewVisitor();
        var session = await SignInByCodeAsync(client, phone ?? AuthClient.NewPhone());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        return client;
    }
}
