using System.Text.Json.Serialization;

namespace DiuParibahan.Grains.Catalog;

/// <summary>Whether a stop sells tickets at a counter or is only a boarding point.</summary>
[GenerateSerializer, Alias("StopKind")]
public enum StopKind
{
    Counter,
    BoardingPoint,
}

/// <summary>Coach class; fares are set per class.</summary>
[GenerateSerializer, Alias("CoachClass")]
public enum CoachClass
{
    AcBusiness,
    AcEconomy,
    NonAc,
}

/// <summary>
/// A place where coaches stop. <paramref name="Id"/> is a stable slug such as <c>dhaka-kalyanpur</c>;
/// <paramref name="City"/> is the id of the <see cref="City"/> it belongs to (networks stored before cities existed held
/// a free-text city name there; the catalog grain maps those to ids when it loads them).
/// <paramref name="Points"/> are its boarding and dropping points; a stop without any is its own single point.
/// <paramref name="Country"/> is the ISO 3166-1 alpha-3 code of a stop outside Bangladesh (<c>IND</c>), null at home.
/// </summary>
[GenerateSerializer, Immutable, Alias("Stop")]
public sealed record Stop(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameEn,
    [property: Id(2)] string NameBn,
    [property: Id(3)] string City,
    [property: Id(4)] StopKind Kind,
    [property: Id(10)] IReadOnlyList<StopPoint>? Points = null,
    [property: Id(11)] string? Country = null);

/// <summary>A stop on a route, <paramref name="OffsetMinutes"/> after the departure from the first stop.</summary>
[GenerateSerializer, Immutable, Alias("RouteStop")]
public sealed record RouteStop(
    [property: Id(0)] string StopId,
    [property: Id(1)] int OffsetMinutes);

/// <summary>Whole-taka fare of every leg (stop i to stop i+1) for one coach class.</summary>
[GenerateSerializer, Immutable, Alias("ClassFares")]
public sealed record ClassFares(
    [property: Id(0)] CoachClass Class,
    [property: Id(1)] IReadOnlyList<int> LegFares);

/// <summary>
/// An ordered list of stops with per-leg fares per class. <paramref name="Code"/> prefixes trip ids.
/// <paramref name="CrossBorder"/>: the route crosses a national border, so every passenger whose journey crosses it
/// (one end abroad, the other at home: see <see cref="Stop.Country"/>) needs passport details.
/// </summary>
[GenerateSerializer, Immutable, Alias("Route")]
public sealed record Route(
    [property: Id(0)] string Id,
    [property: Id(1)] string Code,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string NameBn,
    [property: Id(4)] IReadOnlyList<RouteStop> Stops,
    [property: Id(5)] IReadOnlyList<ClassFares> Fares,
    [property: Id(10)] bool CrossBorder = false);

/// <summary>A physical coach.</summary>
[GenerateSerializer, Immutable, Alias("Coach")]
public sealed record Coach(
    [property: Id(0)] string Id,
    [property: Id(1)] string Registration,
    [property: Id(2)] CoachClass Class,
    [property: Id(3)] string LayoutCode,
    [property: Id(4)] string Make);

/// <summary>A daily departure of a route at a local (Asia/Dhaka) time of day, valid between two dates inclusive.</summary>
[GenerateSerializer, Immutable, Alias("Schedule")]
public sealed record Schedule(
    [property: Id(0)] string Id,
    [property: Id(1)] string RouteId,
    [property: Id(2)] string CoachId,
    [property: Id(3)] TimeOnly DepartureLocal,
    [property: Id(4)] DateOnly FromDate,
    [property: Id(5)] DateOnly ToDate);

/// <summary>The whole network as ops configured it.</summary>
[GenerateSerializer, Immutable, Alias("Network")]
public sealed record Network(
    [property: Id(0)] IReadOnlyList<Stop> Stops,
    [property: Id(1)] IReadOnlyList<Route> Routes,
    [property: Id(2)] IReadOnlyList<SeatLayout> Layouts,
    [property: Id(3)] IReadOnlyList<Coach> Coaches,
    [property: Id(4)] IReadOnlyList<Schedule> Schedules,
    [property: Id(5)] IReadOnlyList<City>? Cities = null)
{
    /// <summary>The cities stops belong to; empty for a network stored before cities existed and not yet upgraded.</summary>
    [JsonIgnore]
    public IReadOnlyList<City> CityList => Cities ?? [];
}
