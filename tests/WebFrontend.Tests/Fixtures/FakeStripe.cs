using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stripe;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// A local stand-in for the Stripe API (Kestrel on a free loopback port): create and retrieve PaymentIntents, create
/// Refunds, honouring Idempotency-Key like Stripe (same key → same answer) and recording every request. It also signs
/// webhook payloads exactly as Stripe does: <c>t={unix},v1={hex HMAC-SHA256(secret, "{t}.{payload}")}</c>.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_0123456789";
    public const string PublishableKey = "pk_test_fake_0123456789";
    public const string WebhookSecret = "whsec_fake_0123456789abcdef";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, string> _idempotent = new();
    private readonly ConcurrentQueue<StripeRequest> _requests = new();

    public sealed record StripeRequest(string Method, string Path, string? IdempotencyKey, IReadOnlyDictionary<string, string> Form);

    private FakeStripe()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v1/payment_intents", CreateIntent);
        _app.MapGet("/v1/payment_intents/{id}", (string id) =>
        {
            Record("GET", $"/v1/payment_intents/{id}", null, new Dictionary<string, string>());
            return _intents.TryGetValue(id, out var intent) ? Json(intent.ToJsonString()) : Results.NotFound();
        });
        _app.MapPost("/v1/refunds", CreateRefund);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<StripeRequest> Requests => _requests.ToList();

    private readonly ConcurrentQueue<JsonObject> _refunds = new();
    private readonly ConcurrentDictionary<string, int> _failRefunds = new();

    /// <summary>Refunds actually created (an idempotent replay creates none), each with its metadata and amount.</summary>
    public IReadOnlyList<JsonObject> RefundsCreated => _refunds.ToList();

    /// <summary>The next refund request for <paramref name="pnr"/> fails as if Stripe were unreachable.</summary>
    public void FailNextRefund(string pnr) => _failRefunds.AddOrUpdate(pnr, 1, (_, n) => n + 1);

    public static FakeStripe Start() => new();

    /// <summary>Requests whose form names <paramref name="pnr"/> in its metadata.</summary>
    public IReadOnlyList<StripeRequest> RequestsFor(string pnr) =>
        _requests.Where(r => r.Form.GetValueOrDefault("metadata[pnr]") == pnr).ToList();

    public JsonObject IntentFor(string pnr) =>
        _intents.Values.Single(i => i["metadata"]!["pnr"]!.GetValue<string>() == pnr);

    /// <summary>A Stripe event envelope around <paramref name="dataObject"/>, as Stripe would POST it.</summary>
    public static string Event(string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = "evt_" + Guid.NewGuid().ToString("N")[..24],
        ["object"] = "event",
        ["api_version"] = StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
    }.ToJsonString();

    public string SucceededEvent(string pnr)
    {
        var intent = (JsonObject)IntentFor(pnr).DeepClone();
        intent["status"] = "succeeded";
        intent["amount_received"] = intent["amount"]!.GetValue<long>();
        return Event("payment_intent.succeeded", intent);
    }

    public string FailedEvent(string pnr)
    {
        var intent = (JsonObject)IntentFor(pnr).DeepClone();
        intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["message"] = "Your card was declined." };
        return Event("payment_intent.payment_failed", intent);
    }

    /// <summary>A charge.refunded event for the intent of <paramref name="pnr"/>; charges carry no PNR, only the intent id.</summary>
    public string ChargeRefundedEvent(string pnr, long amountRefunded)
    {
        var intent = IntentFor(pnr);
        return Event("charge.refunded", new JsonObject
        {
            ["id"] = "ch_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "charge",
            ["amount"] = intent["amount"]!.GetValue<long>(),
            ["amount_refunded"] = amountRefunded,
            ["currency"] = "bdt",
            ["payment_intent"] = intent["id"]!.GetValue<string>(),
            ["refunded"] = true,
            ["metadata"] = new JsonObject(),
        });
    }

    /// <summary>The Stripe-Signature header for <paramref name="payload"/> signed at <paramref name="at"/> (now by default).</summary>
    public static string Sign(string payload, DateTimeOffset? at = null, string secret = WebhookSecret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(signature)}";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> CreateIntent(HttpRequest request)
    {
        var (key, form) = await ReadAsync(request, "/v1/payment_intents");
        if (key is not null && _idempotent.TryGetValue("pi|" + key, out var earlier))
        {
            return Json(earlier);
        }
        var id = "pi_" + Guid.NewGuid().ToString("N")[..24];
        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
        }
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = long.Parse(form["amount"]),
            ["amount_received"] = 0,
            ["currency"] = form["currency"],
            ["status"] = "requires_payment_method",
            ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}",
            ["livemode"] = false,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = metadata,
        };
        _intents[id] = intent;
        var json = intent.ToJsonString();
        if (key is not null)
        {
            json = _idempotent.GetOrAdd("pi|" + key, json);
        }
        return Json(json);
    }

    private async Task<IResult> CreateRefund(HttpRequest request)
    {
        var (key, form) = await ReadAsync(request, "/v1/refunds");
        var pnr = form.GetValueOrDefault("metadata[pnr]") ?? "";
        if (_failRefunds.TryGetValue(pnr, out var failures) && failures > 0 && _failRefunds.TryUpdate(pnr, failures - 1, failures))
        {
            return Results.Json(new { error = new { type = "invalid_request_error", message = "Simulated outage" } }, statusCode: 400);
        }
        if (key is not null && _idempotent.TryGetValue("re|" + key, out var earlier))
        {
            return Json(earlier);
        }
        if (!_intents.TryGetValue(form.GetValueOrDefault("payment_intent") ?? "", out var intent))
        {
            return Results.Json(new { error = new { type = "invalid_request_error", message = "No such payment_intent" } }, statusCode: 400);
        }
        var json = new JsonObject
        {
            ["id"] = "re_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "refund",
            ["amount"] = form.TryGetValue("amount", out var amount) ? long.Parse(amount) : intent["amount"]!.GetValue<long>(),
            ["currency"] = "bdt",
            ["payment_intent"] = intent["id"]!.GetValue<string>(),
            ["status"] = "succeeded",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = new JsonObject { ["pnr"] = pnr },
        }.ToJsonString();
        if (key is not null)
        {
            var stored = _idempotent.GetOrAdd("re|" + key, json);
            if (!ReferenceEquals(stored, json))
            {
                return Json(stored);
            }
        }
        _refunds.Enqueue(JsonNode.Parse(json)!.AsObject());
        return Json(json);
    }

    private async Task<(string? Key, Dictionary<string, string> Form)> ReadAsync(HttpRequest request, string path)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        Record(request.Method, path, key, form);
        return (key, form);
    }

    private void Record(string method, string path, string? key, Dictionary<string, string> form) =>
        _requests.Enqueue(new StripeRequest(method, path, key, form));

    private static IResult Json(string json) => Results.Content(json, "application/json");
}
