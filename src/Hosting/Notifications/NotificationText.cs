namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// Names the resources of passenger notifications: <c>NotificationText.resx</c> (English) and
/// <c>NotificationText.bn.resx</c> (Bangla), read through <c>IStringLocalizer&lt;NotificationText&gt;</c>.
/// </summary>
public sealed class NotificationText;
