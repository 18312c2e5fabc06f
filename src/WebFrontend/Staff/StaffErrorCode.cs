using DiuParibahan.WebFrontend.Problems;
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
    /// <summary>The problem; status and title come from the <see cref="ProblemCatalog"/> (e.g. <c>last-ops</c>).</summary>
    public ProblemHttpResult ToProblem() => ApiProblems.Create(ProblemCatalog.Kebab(Code.ToString()), Detail);
}

/// <summary>A staff account after a change, or why it was refused.</summary>
public sealed record StaffResult<T>(T? Value, StaffFailure? Failure)
{
    public static StaffResult<T> Ok(T value) => new(value, null);

    public static StaffResult<T> Fail(StaffErrorCode code, string detail) => new(default, new StaffFailure(code, detail));
}
