using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// A small client of the bKash Tokenized Checkout API (v1.2.0-beta, "checkout URL" mode <c>0011</c>). The id_token
/// from <c>token/grant</c> is cached until shortly before it expires, then renewed with <c>token/refresh</c> (a fresh
/// grant if the refresh is refused); a call answered 401 renews the token and is sent once more, which is safe
/// because bKash carried out nothing it refused. Every other failure to get a definite answer throws
/// <see cref="BkashUnavailableException"/>. Secrets and tokens are never logged.
/// </summary>
public sealed partial class BkashClient(
    IHttpClientFactory http, IOptions<BkashOptions> options, TimeProvider time, ILogger<BkashClient> logger)
{
    public const string HttpClientName = "bkash";

    // Renew a little before bKash's own expiry, so a token never dies between our check and bKash's.
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _idToken;
    private string? _refreshToken;
    private DateTimeOffset _expiresAt;

    private BkashOptions Options => options.Value;

    /// <summary><c>POST /tokenized/checkout/create</c>: a sale in BDT of <paramref name="amountPoisha"/>.</summary>
    public Task<BkashAnswer> CreateAsync(long amountPoisha, string invoice, string payerReference, string callbackUrl, CancellationToken ct) =>
        PostAsync("tokenized/checkout/create", new Dictionary<string, string>
        {
            ["mode"] = "0011",
            ["payerReference"] = payerReference,
            ["callbackURL"] = callbackUrl,
            ["amount"] = Taka(amountPoisha),
            ["currency"] = "BDT",
            ["intent"] = "sale",
            ["merchantInvoiceNumber"] = invoice,
        }, ct);

    /// <summary><c>POST /tokenized/checkout/execute</c>: takes the money the payer authorised. Never repeat after an unknown outcome.</summary>
    public Task<BkashAnswer> ExecuteAsync(string paymentId, CancellationToken ct) =>
        PostAsync("tokenized/checkout/execute", new Dictionary<string, string> { ["paymentID"] = paymentId }, ct);

    /// <summary><c>POST /tokenized/checkout/payment/status</c>: where the payment is; changes nothing.</summary>
    public Task<BkashAnswer> QueryAsync(string paymentId, CancellationToken ct) =>
        PostAsync("tokenized/checkout/payment/status", new Dictionary<string, string> { ["paymentID"] = paymentId }, ct);

    /// <summary><c>POST /tokenized/checkout/payment/refund</c> of <paramref name="amountPoisha"/> of transaction <paramref name="trxId"/>.</summary>
    public Task<BkashAnswer> RefundAsync(string paymentId, string trxId, long amountPoisha, string sku, string reason, CancellationToken ct) =>
        PostAsync("tokenized/checkout/payment/refund", new Dictionary<string, string>
        {
            ["paymentID"] = paymentId,
            ["amount"] = Taka(amountPoisha),
            ["trxID"] = trxId,
            ["sku"] = sku,
            ["reason"] = reason,
        }, ct);

    /// <summary>The refund status form of <c>payment/refund</c> (paymentID and trxID only): the refund made, if any.</summary>
    public Task<BkashAnswer> RefundStatusAsync(string paymentId, string trxId, CancellationToken ct) =>
        PostAsync("tokenized/checkout/payment/refund", new Dictionary<string, string> { ["paymentID"] = paymentId, ["trxID"] = trxId }, ct);

    /// <summary>Taka with two decimals, as bKash wants amounts: 1250 poisha → "12.50".</summary>
    public static string Taka(long poisha) => (poisha / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private async Task<BkashAnswer> PostAsync(string path, Dictionary<string, string> body, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(renew: attempt > 0, ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.ApiBase, path)) { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("Authorization", token);
            request.Headers.TryAddWithoutValidation("X-APP-Key", Options.AppKey ?? "");
            var (status, json) = await SendAsync(request, path, ct);
            if (status == HttpStatusCode.Unauthorized && attempt == 0)
            {
                LogTokenRejected(logger, path);
                continue;
            }
            return Answer(status, json, path);
        }
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken ct)
    {
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (!renew && _idToken is not null && time.GetUtcNow() < _expiresAt)
            {
                return _idToken;
            }
            if (_refreshToken is not null)
            {
                var refreshed = await TokenCallAsync("tokenized/checkout/token/refresh", new Dictionary<string, string>
                {
                    ["app_key"] = Options.AppKey ?? "",
                    ["app_secret"] = Options.AppSecret ?? "",
                    ["refresh_token"] = _refreshToken,
                }, ct);
                if (refreshed is not null)
                {
                    return refreshed;
                }
            }
            return await TokenCallAsync("tokenized/checkout/token/grant", new Dictionary<string, string>
            {
                ["app_key"] = Options.AppKey ?? "",
                ["app_secret"] = Options.AppSecret ?? "",
            }, ct) ?? throw new BkashUnavailableException("bKash refused the token grant; check Bkash:AppKey, AppSecret, Username and Password.");
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>Grant or refresh; stores and returns the new id_token, or null if bKash refused.</summary>
    private async Task<string?> TokenCallAsync(string path, Dictionary<string, string> body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.ApiBase, path)) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("username", Options.Username ?? "");
        request.Headers.TryAddWithoutValidation("password", Options.Password ?? "");
        var (status, json) = await SendAsync(request, path, ct);
        if ((int)status >= 500)
        {
            throw new BkashUnavailableException($"bKash answered {(int)status} to {path}.");
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var idToken = root.ValueKind == JsonValueKind.Object ? BkashAnswer.Text(root, "id_token") : null;
            if (status != HttpStatusCode.OK || string.IsNullOrEmpty(idToken))
            {
                LogTokenRefused(logger, path, (int)status, root.ValueKind == JsonValueKind.Object ? BkashAnswer.Text(root, "statusMessage") : null);
                if (path.EndsWith("refresh", StringComparison.Ordinal))
                {
                    _refreshToken = null;
                }
                return null;
            }
            var lifetime = int.TryParse(BkashAnswer.Text(root, "expires_in"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromHours(1);
            _idToken = idToken;
            _refreshToken = BkashAnswer.Text(root, "refresh_token") ?? _refreshToken;
            _expiresAt = time.GetUtcNow() + (lifetime > ExpiryMargin * 2 ? lifetime - ExpiryMargin : lifetime / 2);
            return idToken;
        }
        catch (JsonException ex)
        {
            throw new BkashUnavailableException($"bKash answered {path} with something that is not JSON.", ex);
        }
    }

    private async Task<(HttpStatusCode Status, string Json)> SendAsync(HttpRequestMessage request, string path, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new BkashUnavailableException($"bKash did not answer {path} within {Options.RequestTimeout.TotalSeconds:0} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new BkashUnavailableException($"bKash could not be reached for {path}: {ex.Message}", ex);
        }
    }

    private static BkashAnswer Answer(HttpStatusCode status, string json, string path)
    {
        if ((int)status >= 500)
        {
            throw new BkashUnavailableException($"bKash answered {(int)status} to {path}.");
        }
        try
        {
            var answer = BkashAnswer.Parse(json);
            // A 4xx without a bKash status code is still a definite refusal.
            return answer.StatusCode is null && status != HttpStatusCode.OK
                ? answer with { StatusCode = ((int)status).ToString(CultureInfo.InvariantCulture) }
                : answer;
        }
        catch (JsonException ex)
        {
            throw new BkashUnavailableException($"bKash answered {path} with something that is not JSON.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash rejected the cached token on {Path}; renewing it and sending once more")]
    private static partial void LogTokenRejected(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash {Path} refused ({Status}): {Message}")]
    private static partial void LogTokenRefused(ILogger logger, string path, int status, string? message);
}
