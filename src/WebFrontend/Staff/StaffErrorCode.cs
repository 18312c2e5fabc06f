using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>Why a staff change was refused; nothing was changed.</summary>
public enum StaffErrorCode
{
    InvalidLogin,
    InvalidName,
    LoginTaken,
    UnknownRole,
    UnknownCounter,
    CounterRequired,
    CounterNotAllowed,
    WeakPassword,
    StaffNotFound,

    /// <summary>The change would leave no enabled ops account (for instance the last ops disabling themself).</summary>
    LastOps,
}

/// <summary>A refused staff change.</summary>
public sealed record StaffFailure(StaffErrorCode Code, string Detail)
{
    private static readonly Dictionary<StaffErrorCode, (int Status, string Code, string Title)> Table = new()
    {
        [StaffErrorCode.InvalidLogin] = (400, "invalid-login", "Not a mobile number or e-mail address"),
        [StaffErrorCode.InvalidName] = (400, "invalid-name", "Invalid name"),
        [StaffErrorCode.LoginTaken] = (409, "login-taken", "Account already exists"),
        [StaffErrorCode.UnknownRole] = (400, "unknown-role", "Unknown role"),
        [StaffErrorCode.UnknownCounter] = (400, "unknown-counter", "Unknown counter"),
        [StaffErrorCode.CounterRequired] = (400, "counter-required", "Counter required"),
        [StaffErrorCode.CounterNotAllowed] = (400, "counter-not-allowed", "Counter not allowed"),
        [StaffErrorCode.WeakPassword] = (400, "weak-password", "Password too weak"),
        [StaffErrorCode.StaffNotFound] = (404, "staff-not-found", "No such staff account"),
        [StaffErrorCode.LastOps] = (409, "last-ops", "The last ops account must stay"),
    };

    public ProblemHttpResult ToProblem()
    {
        var (status, code, title) = Table[Code];
        return TypedResults.Problem(title: title, detail: Detail, statusCode: status, type: $"https://diuparibahan.example/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });
    }
}

/// <summary>A staff account after a change, or why it was refused.</summary>
public sealed record StaffResult<T>(T? Value, StaffFailure? Failure)
{
    public static StaffResult<T> Ok(T value) => new(value, null);

    public static StaffResult<T> Fail(StaffErrorCode code, string detail) => new(default, new StaffFailure(code, detail));
}
