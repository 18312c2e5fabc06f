using MailKit.Security;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// Section <c>Notifications</c>: the channels and the dispatcher's pace. A channel without configuration (no SMTP host,
/// no SMS gateway URL — the embedded default) is not sent to: its messages are stored as <c>recorded</c>.
/// </summary>
public sealed class NotificationOptions
{
    public SmtpOptions Smtp { get; set; } = new();

    public SmsGatewayOptions Sms { get; set; } = new();

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it (enqueueing does).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a message is dead (only ops' "retry now" sends it again).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles per failure (±20 % jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claimed message is reserved for the dispatcher that claimed it; after that (its silo died mid-send)
    /// another may send it. Longer than one send can take.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Problems with these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (PollInterval <= TimeSpan.Zero || FirstRetryDelay <= TimeSpan.Zero || Lease <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            problems.Add("Notifications: PollInterval, FirstRetryDelay and Lease must be positive and MaxRetryDelay at least FirstRetryDelay.");
        }
        if (Lease <= Smtp.Timeout || Lease <= Sms.Timeout || Smtp.Timeout <= TimeSpan.Zero || Sms.Timeout <= TimeSpan.Zero)
        {
            problems.Add("Notifications: Smtp:Timeout and Sms:Timeout must be positive and Lease longer than both.");
        }
                if (BatchSize is < 1 or > 500 || MaxAttempts < 1)
        {
            problems.Add("Notifications: BatchSize must be 1–500 and MaxAttempts at least 1.");
        }
        if (Smtp.Configured && (Smtp.Port is < 1 or > 65535 || !MimeKit.MailboxAddress.TryParse(Smtp.From, out _)))
        {
            problems.Add("Notifications:Smtp: Port must be 1–65535 and From a mailbox such as \"Diu Paribahan <tickets@example.com>\".");
        }
        if (Smtp.Configured && string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
        {
            problems.Add("Notifications:Smtp: give both Username and Password, or neither.");
        }
        if (Sms.Configured && (!Uri.TryCreate(Sms.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            problems.Add("Notifications:Sms: Url must be an absolute http(s) URL.");
        }
        if (Sms.Configured && string.IsNullOrWhiteSpace(Sms.ApiKeyHeader))
        {
            problems.Add("Notifications:Sms: ApiKeyHeader must name a header.");
        }
        return problems;
    }
}

/// <summary>Section <c>Notifications:Smtp</c>: the mail server e-mails are handed to.</summary>
public sealed class SmtpOptions
{
    /// <summary>The server's host name; unset means e-mails are only recorded.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default: refuse a server without TLS), <c>SslOnConnect</c> (port 465), <c>None</c> (local relays only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }

    /// <summary>From configuration or the environment (<c>Notifications__Smtp__Password</c>), never the repository.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Diu Paribahan &lt;tickets@example.com&gt;</c>; its domain also names the Message-Ids.</summary>
    public string From { get; set; } = "Diu Paribahan <tickets@diuparibahan.invalid>";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Section <c>Notifications:Sms</c>: an HTTP SMS gateway that takes <c>POST {Url}</c> with JSON
/// <c>{"to": "+8801…", "text": "…", "idempotencyKey": "…"}</c> and the API key in header <see cref="ApiKeyHeader"/>.
/// </summary>
public sealed class SmsGatewayOptions
{
    /// <summary>The gateway's endpoint; unset means SMS are only recorded.</summary>
    public string? Url { get; set; }

    /// <summary>From configuration or the environment (<c>Notifications__Sms__ApiKey</c>), never the repository.</summary>
    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Configured => !string.IsNullOrWhiteSpace(Url);
}
