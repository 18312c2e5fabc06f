using System.Collections.Concurrent;
using System.Text.Json;
using DiuParibahan.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Hosting.Tests.Fixtures;

/// <summary>
/// An HTTP SMS gateway on 127.0.0.1: <c>POST /sms</c> with <c>{to, text, idempotencyKey}</c>. It answers 503 while
/// <see cref="Failing"/>, otherwise 202 and keeps the message.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSms> _accepted = new();
    private int _requests;

    private FakeSmsGateway(WebApplication app) => _app = app;

    public sealed record ReceivedSms(string To, string Text, string IdempotencyKey, string? ApiKey);

    public Uri Url { get; private set; } = null!;

    public bool Failing { get; set; }

    /// <summary>Every request, accepted or not.</summary>
    public int Requests => _requests;

    public IReadOnlyList<ReceivedSms> Accepted => _accepted.ToList();

    public static async Task<FakeSmsGateway> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var gateway = new FakeSmsGateway(app) { Url = new Uri($"http://127.0.0.1:{port}/sms") };
        app.MapPost("/sms", async (HttpContext http) =>
        {
            Interlocked.Increment(ref gateway._requests);
            if (gateway.Failing)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var root = body.RootElement;
            gateway._accepted.Enqueue(new ReceivedSms(root.GetProperty("to").GetString()!, root.GetProperty("text").GetString()!,
                root.GetProperty("idempotencyKey").GetString()!, http.Request.Headers["X-Api-Key"].FirstOrDefault()));
            return Results.Accepted();
        });
        await app.StartAsync();
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
