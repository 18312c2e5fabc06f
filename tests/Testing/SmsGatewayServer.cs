using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace DiuParibahan.Testing;

/// <summary>
/// The one fake SMS gateway of the tests, an HTTP server on 127.0.0.1 taking the product's contract (<c>POST {Url}</c>
/// with JSON <c>{to, text, idempotencyKey}</c> and the <c>X-Api-Key</c> header). It answers 202 and keeps every
/// message, so a test can read the sign-in code texted to a phone as a passenger would read it off the screen, or
/// check what the outbox sent (<see cref="Accepted"/>); while <see cref="Failing"/> it answers 503 and keeps nothing.
/// </summary>
public sealed class SmsGatewayServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Channel<string>> _inbox = new();
    private readonly Task _serving;

    public SmsGatewayServer()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/sms";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>What to configure as <c>Notifications:Sms:Url</c>.</summary>
    public string Url { get; }

    /// <summary>A message as the gateway received it.</summary>
    public sealed record ReceivedSms(string To, string Text, string? IdempotencyKey, string? ApiKey);

    private readonly ConcurrentQueue<ReceivedSms> _accepted = new();
    private int _requests;

    /// <summary>Every message accepted, in arrival order.</summary>
    public ConcurrentQueue<(string To, string Text)> Messages { get; } = new();

    /// <summary>Every message accepted with its idempotency key and API key, in arrival order.</summary>
    public IReadOnlyList<ReceivedSms> Accepted => _accepted.ToList();

    /// <summary>Every request, accepted or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>While true, every request is answered 503 (the gateway is down) and nothing is kept.</summary>
    public bool Failing { get; set; }

    /// <summary>The next message texted to <paramref name="phone"/> (normalised form) that no one has read yet.</summary>
    public async Task<string> NextMessageAsync(string phone, TimeSpan timeout)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        wait.CancelAfter(timeout);
        try
        {
            return await Inbox(phone).Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new TimeoutException($"No SMS reached {phone} within {timeout}.");
        }
    }

    /// <summary>The 6-digit code of the next message to <paramref name="phone"/>, in ASCII digits whatever the language.</summary>
    public async Task<string> NextCodeAsync(string phone, TimeSpan timeout)
    {
        var text = await NextMessageAsync(phone, timeout);
        var digits = text.Where(char.IsDigit).Select(c => (char)('0' + (int)char.GetNumericValue(c))).ToArray();
        return new string(digits[..6]);
    }

    /// <summary>
    /// Signs a new passenger in through <paramref name="client"/> the way a person does: asks the frontend for a code
    /// for a phone of its own, reads the SMS texted here and verifies it. Returns the access token.
    /// </summary>
    public async Task<string> SignInPassengerAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var phone = "+88017" + Random.Shared.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        using var requested = await client.PostAsJsonAsync("/api/auth/otp", new { phone }, cancellationToken);
        if (requested.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"Code request answered {(int)requested.StatusCode}: {await requested.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var code = await NextCodeAsync(phone, TimeSpan.FromSeconds(30));
        using var verified = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code }, cancellationToken);
        if (!verified.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Code sign-in answered {(int)verified.StatusCode}: {await verified.Content.ReadAsStringAsync(cancellationToken)}");
        }
        return (await verified.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }
        _listener.Close();
        _stop.Dispose();
    }

    private Channel<string> Inbox(string phone) => _inbox.GetOrAdd(phone, _ => Channel.CreateUnbounded<string>());

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            if (Failing)
            {
                context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
                context.Response.Close();
                continue;
            }
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
                var to = body.RootElement.GetProperty("to").GetString() ?? "";
                var text = body.RootElement.GetProperty("text").GetString() ?? "";
                var key = body.RootElement.TryGetProperty("idempotencyKey", out var k) ? k.GetString() : null;
                _accepted.Enqueue(new ReceivedSms(to, text, key, context.Request.Headers["X-Api-Key"]));
                Messages.Enqueue((to, text));
                await Inbox(to).Writer.WriteAsync(text);
                context.Response.StatusCode = (int)HttpStatusCode.Accepted;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
            }
            context.Response.Close();
        }
    }
}
