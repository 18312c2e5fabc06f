using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// A stand-in for bKash in embedded mode or Development without credentials, so <c>dotnet run</c> shows the whole
/// bKash flow: it answers the Tokenized Checkout calls of <see cref="BkashClient"/> in process (as the HTTP handler
/// of its client, so the real client, provider, callback and reconciler code all run) and keeps the payments the
/// simulated wallet page (<c>/bkash-wallet.html</c>) shows and authorises. No money moves; state lives in memory.
/// </summary>
public sealed class SimulatedBkash(TimeProvider time)
{
    public const string WalletPage = "/bkash-wallet.html";

    private readonly ConcurrentDictionary<string, WalletPayment> _payments = new(StringComparer.Ordinal);

    /// <summary>One simulated payment. Mutated under its own lock.</summary>
    public sealed class WalletPayment(string id, string amount, string invoice, string payerReference, string callbackUrl)
    {
        public string Id { get; } = id;
        public string Amount { get; } = amount;
        public string Invoice { get; } = invoice;
        public string PayerReference { get; } = payerReference;
        public string CallbackUrl { get; } = callbackUrl;
        public string Status { get; set; } = "Initiated";
        public bool Authorized { get; set; }
        public string? TrxId { get; set; }
        public string? RefundTrxId { get; set; }
    }

    public WalletPayment? Find(string paymentId) => _payments.GetValueOrDefault(paymentId);

    /// <summary>The payer confirmed in the wallet page; returns where the wallet sends the browser (the callback).</summary>
    public string? Authorize(string paymentId) => Decide(paymentId, "success", p => p.Authorized = true);

    /// <summary>The payer cancelled in the wallet page.</summary>
    public string? Cancel(string paymentId) => Decide(paymentId, "cancel", p => p.Status = "Cancelled");

    private string? Decide(string paymentId, string status, Action<WalletPayment> change)
    {
        if (Find(paymentId) is not { } payment)
        {
            return null;
        }
        lock (payment)
        {
            if (payment.Status == "Initiated" && !payment.Authorized)
            {
                change(payment);
            }
        }
        var separator = payment.CallbackUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{payment.CallbackUrl}{separator}paymentID={Uri.EscapeDataString(payment.Id)}&status={status}";
    }

    /// <summary>The HTTP handler of the bKash client in simulated mode: every request is answered here, in process.</summary>
    public HttpMessageHandler CreateHandler() => new Handler(this);

    private sealed class Handler(SimulatedBkash bkash) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            bkash.AnswerAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? new JsonObject() : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?.AsObject() ?? [];
        var path = request.RequestUri!.AbsolutePath;
        var answer = path[(path.IndexOf("/tokenized/checkout/", StringComparison.Ordinal) + "/tokenized/checkout/".Length)..] switch
        {
            "token/grant" or "token/refresh" => new JsonObject
            {
                ["statusCode"] = "0000",
                ["statusMessage"] = "Successful",
                ["id_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["refresh_token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            },
            "create" => Create(body),
            "execute" => Execute(Text(body, "paymentID")),
            "payment/status" => Find(Text(body, "paymentID")) is { } p ? Describe(p) : Error("2008", "Invalid Payment ID"),
            "payment/refund" => Refund(body),
            _ => Error("9999", "Unknown API"),
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json") };
    }

    private JsonObject Create(JsonObject body)
    {
        var id = "TR0011SIM" + time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
                 + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var payment = new WalletPayment(id, Text(body, "amount"), Text(body, "merchantInvoiceNumber"), Text(body, "payerReference"),
            Text(body, "callbackURL"));
        _payments[id] = payment;
        var answer = Describe(payment);
        answer["bkashURL"] = $"{WalletPage}?paymentID={id}";
        return answer;
    }

    private JsonObject Execute(string paymentId)
    {
        if (Find(paymentId) is not { } payment)
        {
            return Error("2008", "Invalid Payment ID");
        }
        lock (payment)
        {
            if (payment.Status == "Completed")
            {
                return Error("2062", "The payment has already been completed");
            }
            if (!payment.Authorized || payment.Status != "Initiated")
            {
                return Error("2056", "Invalid Payment State");
            }
            payment.Status = "Completed";
            payment.TrxId = "SIM" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        }
        return Describe(payment);
    }

    private JsonObject Refund(JsonObject body)
    {
        if (Find(Text(body, "paymentID")) is not { Status: "Completed" } payment || payment.TrxId != Text(body, "trxID"))
        {
            return Error("2071", "Original transaction not found");
        }
        lock (payment)
        {
            if (body["amount"] is not null && payment.RefundTrxId is null)
            {
                payment.RefundTrxId = "SIMR" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
            }
            return payment.RefundTrxId is null
                ? Error("2071", "No refund found")
                : new JsonObject
                {
                    ["statusCode"] = "0000",
                    ["statusMessage"] = "Successful",
                    ["originalTrxID"] = payment.TrxId,
                    ["refundTrxID"] = payment.RefundTrxId,
                    ["transactionStatus"] = "Completed",
                    ["amount"] = Text(body, "amount"),
                    ["currency"] = "BDT",
                };
        }
    }

    private static JsonObject Describe(WalletPayment payment) => new()
    {
        ["statusCode"] = "0000",
        ["statusMessage"] = "Successful",
        ["paymentID"] = payment.Id,
        ["trxID"] = payment.TrxId,
        ["transactionStatus"] = payment.Status,
        ["amount"] = payment.Amount,
        ["currency"] = "BDT",
        ["intent"] = "sale",
        ["merchantInvoiceNumber"] = payment.Invoice,
        ["payerReference"] = payment.PayerReference,
    };

    private static JsonObject Error(string code, string message) => new() { ["statusCode"] = code, ["statusMessage"] = message };

    private static string Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : body[name]?.ToJsonString() ?? "";
}
