using Microsoft.AspNetCore.SignalR;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// Hub methods refuse bad calls (unknown or malformed ids, over a cap) with a <see cref="HubException"/>, which the
/// caller reads as its error. SignalR's dispatcher would log each of those at Error with a stack trace, so a client
/// sending junk could fill the error log and hide real faults; its log category is therefore silenced below Critical
/// (<see cref="LiveExtensions"/>) and this filter logs instead: refusals at Debug, any other exception at Error.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    /// <summary>The category of SignalR's dispatcher, whose per-call failure log this filter replaces.</summary>
    public const string DispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            LogRefused(logger, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Hub}.{Method} refused a call: {Reason}")]
    private static partial void LogRefused(ILogger logger, string hub, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string hub, string method);
}
