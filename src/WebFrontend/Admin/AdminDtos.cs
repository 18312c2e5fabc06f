using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Admin;

public sealed record StopRequest(string? NameEn, string? NameBn, string? City, StopKind Kind);

public sealed record LayoutSeatDto(string? Label, int Row, int Column, bool Ladies = false);

public sealed record LayoutRequest(string? Name, int Rows, int Columns, int AisleAfterColumn, CoachSide DriverSide,
    CoachSide DoorSide, int DoorRow, IReadOnlyList<LayoutSeatDto>? Seats);

public sealed record CoachRequest(string? Registration, CoachClass Class, string? LayoutCode, string? Make);

public sealed record RouteStopDto(string? StopId, int OffsetMinutes);

public sealed record ClassFaresDto(CoachClass Class, IReadOnlyList<int>? LegFares);

public sealed record RouteRequest(string? Code, string? NameEn, string? NameBn, IReadOnlyList<RouteStopDto>? Stops,
    IReadOnlyList<ClassFaresDto>? Fares);

/// <summary>A daily departure at <paramref name="Departure"/> (HH:mm, Bangladesh time) between two dates inclusive.</summary>
public sealed record ScheduleRequest(string? RouteId, string? CoachId, string? Departure, DateOnly FromDate, DateOnly ToDate);

public sealed record ScheduleResult(string ScheduleId, int TripsCreated);

public sealed record BlockRequest(IReadOnlyList<string>? Seats, string? From, string? To, string? Reason);
