using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// A local stand-in for bKash Tokenized Checkout v1.2.0-beta (Kestrel on a free loopback port) implementing token
/// grant and refresh, create, execute, payment status and refund as documented: grant and refresh check the
/// <c>username</c>/<c>password</c> headers and app key/secret; every other call needs a live id_token in
/// <c>Authorization</c> and the app key in <c>X-APP-Key</c> (401 otherwise). Tests play the payer
/// (<see cref="Authorize"/>, <see cref="Cancel"/>) and inject trouble: expired tokens, insufficient balance, an
/// execute whose answer is lost after bKash carried it out, another amount than asked. Every request is recorded.
/// </summary>
public sealed class FakeBkash : IAsyncDisposable
{
    public const string AppKey = "fake-app-key-0123";
    public const string AppSecret = "fake-app-secret-4567";
    public const string Username = "01770618567";
    public const string Password = "fake-password";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _idTokens = new();
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, Payment> _payments = new();
    private readonly ConcurrentQueue<BkashRequest> _requests = new();
    private int _grants;
    private int _refreshes;
    private int _sequence;

    public sealed record BkashRequest(string Path, JsonObject Body, string? Authorization, string? AppKey);

    /// <summary>One payment as bKash keeps it; changed under its own lock.</summary>
    public sealed class Payment
    {
        public required string Id { get; init; }
        public required JsonObject Created { get; init; }
        public string Status { get; set; } = "Initiated";
        public bool Authorized { get; set; }
        public bool InsufficientBalance { get; set; }
        public bool LoseNextExecuteAnswer { get; set; }
        public string? ReportedAmount { get; set; }
        public string? TrxId { get; set; }
        public int ExecutesCarriedOut { get; set; }
        public List<JsonObject> Refunds { get; } = [];
    }

    private FakeBkash()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v1.2.0-beta/tokenized/checkout/{**api}", Handle);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/') + "/v1.2.0-beta";
    }

    public static FakeBkash Start() => new();

    /// <summary>The API base to configure as <c>Bkash:BaseUrl</c>.</summary>
    public string BaseUrl { get; }

    public int Grants => _grants;

    public int Refreshes => _refreshes;

    public IReadOnlyList<BkashRequest> Requests => _requests.ToList();

    public IReadOnlyList<BkashRequest> RequestsFor(string paymentId) =>
        _requests.Where(r => r.Body["paymentID"]?.GetValue<string>() == paymentId).ToList();

    public Payment PaymentOf(string paymentId) => _payments[paymentId];

    /// <summary>The payer entered code and PIN in the wallet: an execute now completes.</summary>
    public void Authorize(string paymentId) => PaymentOf(paymentId).Authorized = true;

    /// <summary>The payer pressed cancel in the wallet.</summary>
    public void Cancel(string paymentId) => PaymentOf(paymentId).Status = "Cancelled";

    /// <summary>The payer's wallet holds less than the amount: execute answers 2023.</summary>
    public void LackBalance(string paymentId) => PaymentOf(paymentId).InsufficientBalance = true;

    /// <summary>The next execute is carried out, but its answer never reaches the caller (the connection drops).</summary>
    public void LoseNextExecuteAnswer(string paymentId) => PaymentOf(paymentId).LoseNextExecuteAnswer = true;

    /// <summary>bKash reports <paramref name="amount"/> instead of the amount asked (a mismatched payment).</summary>
    public void ReportAmount(string paymentId, string amount) => PaymentOf(paymentId).ReportedAmount = amount;

    /// <summary>While set, every payment call answers 503 (bKash down); tokens are still issued.</summary>
    public bool Down { get; set; }

    /// <summary>Every id_token issued so far stops working (as after expiry); refresh tokens still do.</summary>
    public void ExpireTokens() => _idTokens.Clear();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> Handle(string api, HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject ?? [];
        var authorization = http.Request.Headers.Authorization.FirstOrDefault();
        _requests.Enqueue(new BkashRequest(api, body, authorization, http.Request.Headers["X-APP-Key"].FirstOrDefault()));
        if (api is "token/grant" or "token/refresh")
        {
            return Token(api, body, http.Request);
        }
        if (authorization is null || !_idTokens.ContainsKey(authorization) || http.Request.Headers["X-APP-Key"] != AppKey)
        {
            return Results.Json(new { message = "Unauthorized" }, statusCode: 401);
        }
        if (Down)
        {
            return Results.StatusCode(503);
        }
        var paymentId = Text(body, "paymentID");
        var payment = paymentId is null ? null : _payments.GetValueOrDefault(paymentId);
        switch (api)
        {
            case "create":
                return Create(body);
            case "payment/status":
                return payment is null ? Error("2008", "Invalid Payment ID") : Describe(payment);
            case "execute":
                if (payment is null)
                {
                    return Error("2008", "Invalid Payment ID");
                }
                var (answer, lose) = Execute(payment);
                if (lose)
                {
                    http.Abort();
                    return Results.Empty;
                }
                return answer;
            case "payment/refund":
                return payment is null ? Error("2008", "Invalid Payment ID") : Refund(payment, body);
            default:
                return Results.NotFound();
        }
    }

    private IResult Token(string api, JsonObject body, HttpRequest request)
    {
        if (request.Headers["username"] != Username || request.Headers["password"] != Password
            || Text(body, "app_key") != AppKey || Text(body, "app_secret") != AppSecret)
        {
            return Error("2079", "Invalid username or password", 401);
        }
        if (api == "token/refresh")
        {
            if (Text(body, "refresh_token") is not { } refresh || !_refreshTokens.ContainsKey(refresh))
            {
                return Error("2079", "Invalid refresh token", 401);
            }
            Interlocked.Increment(ref _refreshes);
        }
        else
        {
            Interlocked.Increment(ref _grants);
        }
        var idToken = "id-" + Guid.NewGuid().ToString("N");
        var refreshToken = "rt-" + Guid.NewGuid().ToString("N");
        _idTokens[idToken] = 0;
        _refreshTokens[refreshToken] = 0;
        return Results.Json(new JsonObject
        {
            ["statusCode"] = "0000",
            ["statusMessage"] = "Successful",
            ["id_token"] = idToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["refresh_token"] = refreshToken,
        });
    }

    private IResult Create(JsonObject body)
    {
        if (Text(body, "mode") != "0011" || Text(body, "currency") != "BDT" || Text(body, "intent") != "sale"
            || !decimal.TryParse(Text(body, "amount"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            || string.IsNullOrEmpty(Text(body, "merchantInvoiceNumber")) || string.IsNullOrEmpty(Text(body, "callbackURL")))
        {
            return Error("2065", "Mandatory field missing");
        }
        var id = $"TR0011FK{Interlocked.Increment(ref _sequence):D6}{Guid.NewGuid().ToString("N")[..6]}";
        var payment = new Payment { Id = id, Created = body };
        _payments[id] = payment;
        var answer = DescribeJson(payment);
        answer["bkashURL"] = $"https://sandbox.payment.bkash.com/?paymentId={id}&hash=fake&mode=0011&apiVersion=v1.2.0-beta";
        answer["callbackURL"] = Text(body, "callbackURL");
        return Results.Json(answer);
    }

    private (IResult Answer, bool Lose) Execute(Payment payment)
    {
        lock (payment)
        {
            if (payment.Status == "Completed")
            {
                return (Error("2062", "The payment has already been completed"), false);
            }
            if (payment.InsufficientBalance && payment.Authorized)
            {
                payment.Status = "Failed";
                return (Error("2023", "Insufficient Balance"), false);
            }
            if (!payment.Authorized || payment.Status != "Initiated")
            {
                return (Error("2056", "Invalid Payment State"), false);
            }
            payment.Status = "Completed";
            payment.TrxId = "TRX" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
            payment.ExecutesCarriedOut++;
            var lose = payment.LoseNextExecuteAnswer;
            payment.LoseNextExecuteAnswer = false;
            return (Describe(payment), lose);
        }
    }

    private IResult Refund(Payment payment, JsonObject body)
    {
        lock (payment)
        {
            if (payment.Status != "Completed" || Text(body, "trxID") != payment.TrxId)
            {
                return Error("2071", "Original transaction not found");
            }
            if (Text(body, "amount") is not { } amountText)
            {
                return payment.Refunds.LastOrDefault() is { } last ? Results.Json(last) : Error("2071", "No refund found for this transaction");
            }
            var amount = decimal.Parse(amountText, CultureInfo.InvariantCulture);
            var refunded = payment.Refunds.Sum(r => decimal.Parse(r["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            if (amount <= 0 || refunded + amount > decimal.Parse(Text(payment.Created, "amount")!, CultureInfo.InvariantCulture))
            {
                return Error("2072", "Refund amount exceeds the transaction amount");
            }
            var refund = new JsonObject
            {
                ["statusCode"] = "0000",
                ["statusMessage"] = "Successful",
                ["originalTrxID"] = payment.TrxId,
                ["refundTrxID"] = "RFD" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant(),
                ["transactionStatus"] = "Completed",
                ["amount"] = amountText,
                ["currency"] = "BDT",
                ["sku"] = Text(body, "sku"),
                ["reason"] = Text(body, "reason"),
            };
            payment.Refunds.Add(refund);
            return Results.Json(refund);
        }
    }

    private static IResult Describe(Payment payment) => Results.Json(DescribeJson(payment));

    private static JsonObject DescribeJson(Payment payment) => new()
    {
        ["statusCode"] = "0000",
        ["statusMessage"] = "Successful",
        ["paymentID"] = payment.Id,
        ["trxID"] = payment.TrxId,
        ["transactionStatus"] = payment.Status,
        ["amount"] = payment.ReportedAmount ?? Text(payment.Created, "amount"),
        ["currency"] = "BDT",
        ["intent"] = "sale",
        ["merchantInvoiceNumber"] = Text(payment.Created, "merchantInvoiceNumber"),
        ["payerReference"] = Text(payment.Created, "payerReference"),
    };

    private static IResult Error(string code, string message, int status = 200) =>
        Results.Json(new JsonObject { ["statusCode"] = code, ["statusMessage"] = message }, statusCode: status);

    private static string? Text(JsonObject body, string name) => body[name] is JsonValue value ? value.ToString() : null;
}
