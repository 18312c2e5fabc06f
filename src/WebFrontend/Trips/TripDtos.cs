using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Holds;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// A stop, or with <c>?q=</c> also a city (<paramref name="Type"/> <c>city</c> or <c>stop</c>). <paramref name="City"/>
/// and <paramref name="CityBn"/> are the city's names, <paramref name="CityId"/> its id (for a city: its own),
/// <paramref name="Aliases"/> the city's other spellings; <paramref name="Kind"/> is the stop kind, null for a city.
/// </summary>
public sealed record StopDto(string Id, string NameEn, string NameBn, string City, string? Kind,
    string Type = "stop", string? CityId = null, string? CityBn = null, IReadOnlyList<string>? Aliases = null);

/// <summary>A stop named in a listing: where the passenger boards or gets off.</summary>
public sealed record StopRefDto(string Id, string NameEn, string NameBn)
{
    public static StopRefDto Of(NetworkCache.Snapshot network, string stopId) =>
        network.Stops.TryGetValue(stopId, out var stop) ? new(stop.Id, stop.NameEn, stop.NameBn) : new(stopId, stopId, stopId);
}

/// <summary>
/// One departure in a search. <paramref name="Departure"/> and <paramref name="Arrival"/> are the times at
/// <paramref name="FromStop"/> (the boarding counter) and <paramref name="ToStop"/>, the fare and free seats are for that leg.
/// </summary>
public sealed record TripListingDto(
    string TripId, string RouteId, string RouteCode, string RouteName, string RouteNameBn, CoachClass CoachClass,
    string CoachRegistration, DateTimeOffset Departure, DateTimeOffset Arrival, int Fare, int FreeSeats, int TotalSeats,
    bool SalesOpen, bool Cancelled = false, DateTimeOffset? ScheduledDeparture = null,
    StopRefDto? FromStop = null, StopRefDto? ToStop = null);

/// <summary>
/// One day of the date strip. <paramref name="Status"/>: <c>past</c> (before today), <c>notYetOnSale</c> (beyond the
/// sales window) or <c>open</c>. <paramref name="LowestFare"/> and <paramref name="SeatsLeft"/> count only trips still
/// on sale with a free seat (null fare when there is none); <paramref name="Trips"/> counts every listed trip.
/// </summary>
public sealed record CalendarDayDto(DateOnly Date, string Status, int? LowestFare, int SeatsLeft, int Trips);

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

/// <summary>A seat on the asked leg; <c>gender</c> (female, male, other) only on sold seats whose passenger's gender is known.</summary>
public sealed record SeatDto(string Seat, string State, bool Mine, string? Gender = null);

public sealed record SeatMapDto(string TripId, long Version, string From, string To, bool Cancelled,
    IReadOnlyList<SeatDto> Seats, IReadOnlyList<HoldDto> MyHolds)
{
    public static SeatMapDto Of(SeatMap map) => new(map.TripId, map.Version, map.From, map.To, map.Cancelled,
        map.Seats.Select(s => new SeatDto(s.Seat, SeatStates.Name(s.State), s.Mine, SeatStates.GenderName(s.Gender))).ToList(),
        map.MyHolds.Select(HoldDto.Of).ToList());
}

/// <summary>One interval of a changed seat's timeline; <c>gender</c> as on <see cref="SeatDto"/>, on sold intervals only.</summary>
public sealed record SeatChangeDto(string Seat, string From, string To, string State, string? Gender = null);

public sealed record SeatsChangedDto(string TripId, long Version, IReadOnlyList<SeatChangeDto> Changes)
{
    public static SeatsChangedDto Of(TripUpdate u) =>
        new(u.TripId, u.Version, u.Changes.Select(c => new SeatChangeDto(c.Seat, c.From, c.To, SeatStates.Name(c.State), SeatStates.GenderName(c.Gender))).ToList());
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

    /// <summary>The JSON name of a sold seat's passenger gender (<c>female</c>, <c>male</c>, <c>other</c>), or null.</summary>
    public static string? GenderName(Gender? gender) => gender?.ToString().ToLowerInvariant();
}
