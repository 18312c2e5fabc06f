namespace DiuParibahan.Hosting.Notifications;

/// <summary>What ops' "retry now" did.</summary>
public enum OutboxRetryResult
{
    /// <summary>The message is due now.</summary>
    Scheduled,

    /// <summary>There is no message with that id.</summary>
    NotFound,

    /// <summary>The message is pending, sent or recorded: nothing to retry.</summary>
    NotRetryable,
}
