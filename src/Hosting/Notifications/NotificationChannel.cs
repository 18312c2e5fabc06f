namespace DiuParibahan.Hosting.Notifications;

/// <summary>How a message reaches the passenger (the <c>channel</c> column and the last part of its idempotency key).</summary>
public static class NotificationChannel
{
    public const string Email = "email";

    public const string Sms = "sms";
}
