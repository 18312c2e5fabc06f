using System.Security.Claims;
using DiuParibahan.Grains.Identity;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>The verified mobile number an access token carries: what online holds and bookings count against.</summary>
public static class PassengerPhone
{
    /// <summary>The caller's verified phone (<c>+8801XXXXXXXXX</c>), or null for anonymous callers, guests and unverified accounts.</summary>
    public static string? Verified(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !user.IsInRole(Roles.Guest)
        && user.FindFirst(AuthClaims.PhoneVerified)?.Value == "true"
        && PhoneNumber.TryNormalise(user.FindFirst(AuthClaims.Phone)?.Value, out var phone)
            ? phone
            : null;

    /// <summary>Clerks and ops: they sell and hold for others and are not bound by passenger quotas.</summary>
    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Ops);
}
