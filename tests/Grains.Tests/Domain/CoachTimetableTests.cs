using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class CoachTimetableTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 22, 0, 0, TimeSpan.FromHours(6));
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // The coach runs Dhaka → Khulna from 22:00 to 04:00.
    private static readonly CoachRun Khulna = new("DHK-KHL-20261201-2200", "coach-1", Night, Night.AddHours(6));

    private static CoachRun Candidate(DateTimeOffset departure, TimeSpan duration, string coach = "coach-1", string trip = "NEW-TRIP") =>
        new(trip, coach, departure, departure + duration);

    [Fact]
    public void FindClash_WhenTheCoachIsOnAnotherTripAtThatTime_NamesThatTrip()
    {
        var clash = CoachTimetable.FindClash([Khulna], Candidate(Night.AddHours(2), 3 * Hour), Hour);

        Assert.Equal(Khulna.TripId, clash?.TripId);
    }

    [Fact]
    public void FindClash_WhenTheNextDepartureIsInsideTheTurnaroundMargin_IsAClash()
    {
        // Arrives 04:00, would leave again at 04:30: less than the hour it needs.
        Assert.NotNull(CoachTimetable.FindClash([Khulna], Candidate(Night.AddHours(6.5), 5 * Hour), Hour));
    }

    [Fact]
    public void FindClash_WhenATripWouldArriveInsideTheMarginBeforeTheNextDeparture_IsAClash()
    {
        // Arrives at 21:30 for the 22:00 departure.
        Assert.NotNull(CoachTimetable.FindClash([Khulna], Candidate(Night.AddHours(-4), 3.5 * Hour), Hour));
    }

    [Fact]
    public void FindClash_WithExactlyTheMarginBetweenTrips_IsFree()
    {
        Assert.Null(CoachTimetable.FindClash([Khulna], Candidate(Night.AddHours(7), 5 * Hour), Hour));
        Assert.Null(CoachTimetable.FindClash([Khulna], Candidate(Night.AddHours(-4), 3 * Hour), Hour));
    }

    [Fact]
    public void FindClash_IgnoresOtherCoachesAndTheTripItself()
    {
        Assert.Null(CoachTimetable.FindClash([Khulna], Candidate(Night, 6 * Hour, coach: "coach-2"), Hour));
        Assert.Null(CoachTimetable.FindClash([Khulna], Candidate(Night.AddHours(1), 6 * Hour, trip: Khulna.TripId), Hour));
    }

    [Fact]
    public void FindClash_WithSeveralClashes_NamesTheEarliest()
    {
        var early = Khulna with { TripId = "EARLY", Departure = Night.AddHours(-3), Arrival = Night.AddHours(-1) };

        Assert.Equal("EARLY", CoachTimetable.FindClash([Khulna, early], Candidate(Night.AddHours(-2), 4 * Hour), Hour)?.TripId);
    }

    [Fact]
    public void Schedule_ForTheSameCoachWithinTheTurnaroundMargin_IsCoachBusyNamingTheOtherTrip()
    {
        var day = new DateOnly(2026, 12, 1);
        var network = DemoNetwork.Create(day, day.AddDays(60));
        var busy = network.Schedules.Single(s => s.Id == "dhk-khl-2300");
        var route = network.Routes.Single(r => r.Id == busy.RouteId);
        var arrivalMinutes = 23 * 60 + route.Stops[^1].OffsetMinutes - 24 * 60;
        // Leaves half an hour after the Khulna run arrives (next morning).
        var departure = new TimeOnly(0, 0).AddMinutes(arrivalMinutes + 30);
        var tight = new Schedule("tight", "dhk-raj", busy.CoachId, departure, day.AddDays(3), day.AddDays(5));

        var refused = NetworkValidator.CheckSchedule(network, tight, Hour);
        var accepted = NetworkValidator.CheckSchedule(network, tight, TimeSpan.FromMinutes(20));

        Assert.Equal(CatalogErrorCode.CoachBusy, refused?.Code);
        Assert.Equal(TripPlanner.TripId(route.Code, day.AddDays(2), busy.DepartureLocal), refused?.OtherTripId);
        Assert.Null(accepted);
    }
}
