namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Role names, as stored in <c>users.role</c> and carried in the <c>role</c> claim.</summary>
public static class Roles
{
    public const string Passenger = "passenger";

    /// <summary>Counter staff; their tokens carry a <see cref="AuthClaims.Counter"/> claim naming the counter (a stop id).</summary>
    public const string Clerk = "clerk";

    public const string Ops = "ops";

    /// <summary>Only in tokens from <c>/api/auth/guest</c>: an anonymous owner, never a stored account.</summary>
    public const string Guest = "guest";
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

    /// <summary>A clerk at a counter (the token names the counter): <c>/api/counter/...</c>.</summary>
    public const string Clerk = "Clerk";

    /// <summary>Clerks and ops: may look at and act on other people's holds and bookings.</summary>
    public const string Staff = "Staff";
}
