namespace DiuParibahan.Grains.Catalog;

/// <summary>Stable codes for refused network changes; the web frontend maps them to ProblemDetails.</summary>
[GenerateSerializer, Alias("CatalogErrorCode")]
public enum CatalogErrorCode
{
    InvalidStop = 1,
    StopInUse = 2,
    InvalidLayout = 3,
    LayoutInUse = 4,
    InvalidCoach = 5,
    InvalidRoute = 6,
    InvalidSchedule = 7,
    ScheduleOverlap = 8,
    NotFound = 9,

    /// <summary>The coach would be on two trips at once (turnaround margin included).</summary>
    CoachBusy = 10,

    /// <summary>A boarding or dropping point id another stop already has: point ids are unique across the network.</summary>
    PointIdTaken = 11,

    /// <summary>A route with a stop abroad that is not marked cross-border (its passengers would travel without passports).</summary>
    CrossBorderRequired = 12,
}

/// <summary>
/// Why a network change was refused; <paramref name="Field"/> names the offending input where there is one,
/// <paramref name="OtherTripId"/> the trip the coach is already on for <see cref="CatalogErrorCode.CoachBusy"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogFailure")]
public sealed record CatalogFailure(
    [property: Id(0)] CatalogErrorCode Code,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? Field,
    [property: Id(3)] string? OtherTripId = null);

/// <summary>The result of a network change: null failure means it was stored.</summary>
[GenerateSerializer, Immutable, Alias("CatalogResult")]
public sealed record CatalogResult(
    [property: Id(0)] CatalogFailure? Failure,
    [property: Id(1)] int TripsCreated)
{
    public static readonly CatalogResult Ok = new(null, 0);

    public static CatalogResult Fail(CatalogErrorCode code, string detail, string? field = null) => new(new CatalogFailure(code, detail, field), 0);
}
