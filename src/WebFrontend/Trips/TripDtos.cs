using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Holds;

namespace DiuParibahan.WebFrontend.Trips;

public sealed record StopDto(string Id, string NameEn, string NameBn, string City, string Kind);

public sealed record TripListingDto(
    string TripId, string RouteId, string RouteCode, string RouteName, string RouteNameBn, CoachClass CoachClass,
    string CoachRegistration, DateTimeOffset Departure, DateTimeOffset Arrival, int Fare, int FreeSeats, int TotalSeats,
    bool SalesOpen, bool Cancelled = false, DateTimeOffset? ScheduledDeparture = null);

public sealed record TripStopDto(string StopId, string NameEn, string NameBn, DateTimeOffset Departure);

public sealed record HoldLimitsDto(int MaxSeatsPerHold, int MaxHoldsPerTrip, double HoldMinutes);

/// <summary>
/// A boarding or dropping point of a trip at stop <paramref name="StopId"/>: <paramref name="At"/> is the reporting time
/// (boarding: <paramref name="ReportMinutesBefore"/> before the coach leaves the stop) or the arrival (dropping).
/// </summary>
public sealed record TripPointDto(string Id, string StopId, string NameEn, string NameBn, DateTimeOffset At, int ReportMinutesBefore)
{
    public static List<TripPointDto> Of(IEnumerable<TripPoint> points) =>
        points.Select(p => new TripPointDto(p.Point.Id, p.StopId, p.Point.NameEn, p.Point.NameBn, p.At, p.Point.ReportMinutesBefore)).ToList();
}

/// <summary>
/// A trip for the seat map and booking pages. <paramref name="CrossBorder"/>: a journey with one end in
/// <paramref name="AbroadStops"/> and the other at home crosses the border, and its passengers give passport details.
/// </summary>
public sealed record TripDetailDto(
    string TripId, string RouteId, string RouteCode, string RouteName, string RouteNameBn, CoachClass CoachClass,
    string CoachRegistration, IReadOnlyList<TripStopDto> Stops, IReadOnlyList<int> LegFares, SeatLayout Layout,
    DateTimeOffset SalesCloseAt, HoldLimitsDto HoldLimits, DateTimeOffset? ScheduledDeparture = null,
    IReadOnlyList<TripPointDto>? BoardingPoints = null, IReadOnlyList<TripPointDto>? DroppingPoints = null, bool CrossBorder = false,
    IReadOnlyList<string>? AbroadStops = null);

public sealed record SeatDto(string Seat, string State, bool Mine);

public sealed record SeatMapDto(string TripId, long Version, string From, string To, bool Cancelled,
    IReadOnlyList<SeatDto> Seats, IReadOnlyList<HoldDto> MyHolds)
{
    public static SeatMapDto Of(SeatMap map) => new(map.TripId, map.Version, map.From, map.To, map.Cancelled,
        map.Seats.Select(s => new SeatDto(s.Seat, SeatStates.Name(s.State), s.Mine)).ToList(),
        map.MyHolds.Select(HoldDto.Of).ToList());
}

public sealed record SeatChangeDto(string Seat, string From, string To, string State);

public sealed record SeatsChangedDto(string TripId, long Version, IReadOnlyList<SeatChangeDto> Changes)
{
    public static SeatsChangedDto Of(TripUpdate u) =>
        new(u.TripId, u.Version, u.Changes.Select(c => new SeatChangeDto(c.Seat, c.From, c.To, SeatStates.Name(c.State))).ToList());
}

public static class SeatStates
{
    public static string Name(SeatState state) => state switch
    {
        SeatState.Held => "held",
        SeatState.Sold => "sold",
        SeatState.Blocked => "blocked",
        _ => "free",
    };
}
