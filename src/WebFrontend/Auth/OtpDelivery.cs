namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// How sign-in codes reach people, decided once at start: through the configured SMS gateway
/// (<c>Notifications:Sms:Url</c>), or — only in a non-production embedded run with no gateway — shown as a demo code
/// in the log and on the sign-in page. Cluster mode and production never show codes.
/// </summary>
public sealed record OtpDelivery(bool GatewayConfigured, bool DemoCodes)
{
    public static OtpDelivery Decide(bool gatewayConfigured, bool embedded, bool production) =>
        new(gatewayConfigured, !gatewayConfigured && embedded && !production);
}
