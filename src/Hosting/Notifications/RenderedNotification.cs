namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// One notification in one language: <paramref name="Sms"/> is the short text, the e-mail has
/// <paramref name="Subject"/>, a plain-text body and the same as HTML.
/// </summary>
public sealed record RenderedNotification(string Subject, string Sms, string EmailText, string EmailHtml);
