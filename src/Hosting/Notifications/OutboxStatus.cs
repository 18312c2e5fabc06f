namespace DiuParibahan.Hosting.Notifications;

/// <summary>Where a message of the outbox stands (the <c>status</c> column).</summary>
public static class OutboxStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    public const string Pending = "pending";

    /// <summary>Delivered to the SMTP server or the SMS gateway.</summary>
    public const string Sent = "sent";

    /// <summary>An attempt failed; the next one is due at <c>next_attempt_at</c>.</summary>
    public const string Retrying = "retrying";

    /// <summary>Every attempt failed; only ops' "retry now" sends it again.</summary>
    public const string Dead = "dead";

    /// <summary>Its channel is not configured (embedded default): kept for ops to read, never sent.</summary>
    public const string Recorded = "recorded";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Retrying, Dead, Recorded];
}
