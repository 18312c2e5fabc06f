using DiuParibahan.WebFrontend.Auth;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// The hold endpoint's waiting-room check: an online hold by a passenger on a trip of an announced (not closed) sale
/// window needs a valid admission for that window and phone, from the <see cref="HeaderName"/> header or the window's
/// admission cookie. Checked from this frontend's window list and the signature alone, without a grain call. Staff
/// (counters) are not queued, and callers without a verified phone fall through to the endpoint's own 401.
/// </summary>
public sealed class AdmissionGate(SaleWindowDirectory windows, AdmissionSigner signer, TimeProvider time) : IEndpointFilter
{
    public const string HeaderName = "X-Queue-Admission";

    public static string CookieName(string windowId) => "dp_admission_" + windowId;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (PassengerPhone.IsStaff(http.User) || PassengerPhone.Verified(http.User) is not { } phone
            || http.Request.RouteValues["tripId"] as string is not { } tripId
            || await windows.GatingWindowForAsync(tripId) is not { } window)
        {
            return await next(context);
        }
        var token = http.Request.Headers[HeaderName].FirstOrDefault() ?? http.Request.Cookies[CookieName(window.Id)];
        return signer.Check(token, window.Id, phone, time.GetUtcNow()) switch
        {
            AdmissionCheck.Valid => await next(context),
            AdmissionCheck.Missing => QueueProblems.Gate("queue-required", window,
                "Seats on this trip are sold through the waiting room for this sale; join the queue and hold when you are admitted."),
            AdmissionCheck.Expired => QueueProblems.Gate("admission-expired", window,
                "Your admission for this sale has run out; rejoin the queue."),
            _ => QueueProblems.Gate("admission-invalid", window,
                "The admission is not valid for this sale and phone; open the waiting room for a fresh one."),
        };
    }
}
