using System.Reflection;

namespace DiuParibahan.WebFrontend.Audit;

/// <summary>
/// Audits a staff write endpoint after it succeeded (a 2xx result): the action from <see cref="AuditedAttribute"/>, the
/// target from the route, the reason and the request body (as "after") from the bound request DTO, and the "before"
/// a handler left in <see cref="BeforeKey"/>. Refused requests changed nothing, so they are not audited.
/// </summary>
public sealed class AuditFilter(AuditRecorder audit) : IEndpointFilter
{
    /// <summary>Key in <see cref="HttpContext.Items"/> where a handler may put its before-summary.</summary>
    public const string BeforeKey = "audit.before";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>() is not { } audited || !Succeeded(result, http))
        {
            return result;
        }
        var body = context.Arguments.FirstOrDefault(a => a is not null && a.GetType().Name.EndsWith("Request", StringComparison.Ordinal));
        var target = audited.TargetPrefix + (http.Request.RouteValues[audited.TargetRouteValue]?.ToString() ?? "");
        http.Items.TryGetValue(BeforeKey, out var before);
        await audit.RecordAsync(http, audited.Action, target, ReasonOf(body), before, body);
        return result;
    }

    // The handler has returned but its result has not been written yet, so the status is read from the result itself
    // (a Results<…> union wraps the one it chose).
    private static bool Succeeded(object? result, HttpContext http)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        return status is >= 200 and < 300;
    }

    private static string? ReasonOf(object? body) =>
        body?.GetType().GetProperty("Reason", BindingFlags.Public | BindingFlags.Instance)?.GetValue(body) as string;
}

/// <summary>Marks endpoints as audited staff writes.</summary>
public static class AuditEndpointExtensions
{
    /// <summary>Audits this endpoint's successful calls as <paramref name="action"/> on the route value <paramref name="targetRouteValue"/>.</summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string targetRouteValue, string targetPrefix = "") =>
        builder.WithMetadata(new AuditedAttribute(action, targetRouteValue, targetPrefix)).AddEndpointFilter<AuditFilter>();
}
