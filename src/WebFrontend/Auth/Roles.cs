using System.Security.Claims;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Role names, as stored in <c>users.role</c> and carried in the <c>role</c> claim.</summary>
public static class Roles
{
    public const string Passenger = "passenger";

    /// <summary>Counter staff; their tokens carry a <see cref="AuthClaims.Counter"/> claim naming the counter (a stop id).</summary>
    public const string Clerk = "clerk";

    /// <summary>
    /// Boards coaches and oversees counters: reads manifests, verifies tickets, marks passengers boarded. Sells at a
    /// counter only when given one (then the token carries <see cref="AuthClaims.Counter"/> as a clerk's does).
    /// </summary>
    public const string Supervisor = "supervisor";

    public const string Ops = "ops";

    /// <summary>Only in tokens from <c>/api/auth/guest</c>: an anonymous owner, never a stored account.</summary>
    public const string Guest = "guest";

    /// <summary>
    /// Only in the token a sign-in with a temporary password returns: it is good for <c>POST /api/auth/password</c> and
    /// nothing else, because no policy accepts this role.
    /// </summary>
    public const string PasswordChange = "password-change";

    /// <summary>The roles ops can give a staff account.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [Clerk, Supervisor, Ops];

    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Clerk) || user.IsInRole(Supervisor) || user.IsInRole(Ops);
}

/// <summary>Claim names in our access tokens (JWT names, not remapped on the way in).</summary>
public static class AuthClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Name = "name";
    public const string Counter = "counter";

    /// <summary>The account's mobile number (<c>+8801XXXXXXXXX</c>), present only once it was proven by an SMS code.</summary>
    public const string Phone = "phone";

    /// <summary><c>"true"</c> beside <see cref="Phone"/>: the number was verified by a code, so holds may count against it.</summary>
    public const string PhoneVerified = "phone_verified";
}

/// <summary>Authorization policies the endpoints use.</summary>
public static class AuthPolicies
{
    /// <summary>Ops staff only: <c>/api/admin/...</c>.</summary>
    public const string Ops = "Ops";

    /// <summary>Someone selling at a counter (a clerk, or a supervisor given a counter; the token names it): <c>/api/counter/...</c>.</summary>
    public const string Clerk = "Clerk";

    /// <summary>Clerks, supervisors and ops: may look at and act on other people's holds and bookings.</summary>
    public const string Staff = "Staff";

    /// <summary>Who may read a trip's manifest and board passengers: clerks, supervisors and ops.</summary>
    public const string Boarding = "Boarding";
}
