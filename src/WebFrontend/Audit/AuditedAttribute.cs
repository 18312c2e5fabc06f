namespace DiuParibahan.WebFrontend.Audit;

/// <summary>
/// Endpoint metadata read by <see cref="AuditFilter"/>: the action name and the route value naming the target
/// (e.g. <c>tripId</c>), optionally with a prefix (<c>route:</c>) so targets of different kinds never collide.
/// </summary>
public sealed record AuditedAttribute(string Action, string TargetRouteValue, string TargetPrefix = "");
