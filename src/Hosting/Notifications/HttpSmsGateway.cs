using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>The configured HTTP SMS gateway (<see cref="SmsGatewayOptions"/>): any non-2xx answer is a failure.</summary>
public sealed class HttpSmsGateway(IHttpClientFactory clients, IOptions<NotificationOptions> options) : ISmsGateway
{
    /// <summary>The named HTTP client it uses (configure proxies or handlers on it).</summary>
    public const string ClientName = "sms-gateway";

    public async Task SendAsync(string to, string text, string idempotencyKey, CancellationToken ct)
    {
        var sms = options.Value.Sms;
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url)
        {
            Content = JsonContent.Create(new { to, text, idempotencyKey }),
        };
        if (!string.IsNullOrEmpty(sms.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(sms.ApiKeyHeader, sms.ApiKey);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(sms.Timeout);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
