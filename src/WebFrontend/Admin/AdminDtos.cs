using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>
/// A stop. <paramref name="Points"/> (boarding/dropping points) and <paramref name="Country"/> (ISO alpha-3 of a stop
/// abroad, empty for home) are kept as they are when left out, so an edit of the names does not drop them.
/// </summary>
public sealed record StopRequest(string? NameEn, string? NameBn, string? City, StopKind Kind,
    IReadOnlyList<StopPointRequest>? Points = null, string? Country = null);

/// <summary>A boarding/dropping point of a stop; <paramref name="ReportMinutesBefore"/> 0–600.</summary>
public sealed record StopPointRequest(string? Id, string? NameEn, string? NameBn, int ReportMinutesBefore, bool Boarding = true, bool Dropping = true);

public sealed record LayoutSeatDto(string? Label, int Row, int Column, bool Ladies = false);

public sealed record LayoutRequest(string? Name, int Rows, int Columns, int AisleAfterColumn, CoachSide DriverSide,
    CoachSide DoorSide, int DoorRow, IReadOnlyList<LayoutSeatDto>? Seats);

public sealed record CoachRequest(string? Registration, CoachClass Class, string? LayoutCode, string? Make);

public sealed record RouteStopDto(string? StopId, int OffsetMinutes);

public sealed record ClassFaresDto(CoachClass Class, IReadOnlyList<int>? LegFares);

/// <summary>A route; <paramref name="CrossBorder"/> left out keeps the route's current marking.</summary>
public sealed record RouteRequest(string? Code, string? NameEn, string? NameBn, IReadOnlyList<RouteStopDto>? Stops,
    IReadOnlyList<ClassFaresDto>? Fares, bool? CrossBorder = null);

/// <summary>A daily departure at <paramref name="Departure"/> (HH:mm, Bangladesh time) between two dates inclusive.</summary>
public sealed record ScheduleRequest(string? RouteId, string? CoachId, string? Departure, DateOnly FromDate, DateOnly ToDate);

public sealed record ScheduleResult(string ScheduleId, int TripsCreated);

public sealed record BlockRequest(IReadOnlyList<string>? Seats, string? From, string? To, string? Reason);
