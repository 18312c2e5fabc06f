using System.Globalization;
using System.Text.Json;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// What bKash answered to create, execute, payment status or refund: the fields we read, as bKash spells them in JSON.
/// <c>statusCode</c> <c>0000</c> means the call succeeded; a payment has moved money only when its
/// <c>transactionStatus</c> is <c>Completed</c>. Older error bodies use <c>errorCode</c>/<c>errorMessage</c>; they are
/// read into the same two fields.
/// </summary>
public sealed record BkashAnswer(
    string? StatusCode,
    string? StatusMessage,
    string? PaymentId,
    string? BkashUrl,
    string? TrxId,
    string? TransactionStatus,
    string? Amount,
    string? Currency,
    string? MerchantInvoiceNumber,
    string? RefundTrxId)
{
    public const string Success = "0000";

    public bool Succeeded => StatusCode == Success;

    /// <summary>bKash says the money has moved.</summary>
    public bool Completed => Succeeded && TransactionStatus == "Completed";

    /// <summary>The amount in poisha, or null if bKash sent none or something that is not an amount.</summary>
    public long? AmountPoisha =>
        decimal.TryParse(Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var taka) && taka >= 0 && decimal.Round(taka, 2) == taka
            ? (long)(taka * 100)
            : null;

    public static BkashAnswer Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("bKash answered with something other than an object.");
        }
        return new(
            Text(root, "statusCode") ?? Text(root, "errorCode"),
            Text(root, "statusMessage") ?? Text(root, "errorMessage") ?? Text(root, "message"),
            Text(root, "paymentID"),
            Text(root, "bkashURL"),
            Text(root, "trxID"),
            Text(root, "transactionStatus"),
            Text(root, "amount"),
            Text(root, "currency"),
            Text(root, "merchantInvoiceNumber"),
            Text(root, "refundTrxID"));
    }

    /// <summary>A string or number field as text (bKash sends amounts as strings, some fakes as numbers).</summary>
    internal static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}

/// <summary>
/// A bKash call whose outcome is unknown: it timed out, the connection broke, or bKash answered 5xx or garbage. The
/// request may or may not have been carried out, so an execute in this state is followed by queries, never by a
/// second execute.
/// </summary>
public sealed class BkashUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
