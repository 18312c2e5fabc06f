using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class DemoNetworkTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private readonly Network _network = DemoNetwork.Create(Day, Day.AddDays(30));

    [Fact]
    public void EveryCorridorRunsBothWays_WithStopsAndFaresReversed()
    {
        var outbound = _network.Routes.Single(r => r.Code == "DHK-KOL");
        var inbound = _network.Routes.Single(r => r.Code == "KOL-DHK");

        Assert.Equal(14, _network.Routes.Count);
        Assert.Equal(outbound.Stops.Select(s => s.StopId).Reverse(), inbound.Stops.Select(s => s.StopId));
        Assert.Equal([0, 240, 330, 600], inbound.Stops.Select(s => s.OffsetMinutes));
        Assert.Equal([1450, 350, 1400], inbound.Fares.Single(f => f.Class == CoachClass.AcBusiness).LegFares);
        Assert.Equal("Kolkata – Dhaka via Padma Bridge", inbound.NameEn);
    }

    [Fact]
    public void TripsOn_ADay_GivesEachScheduleOneTripWithStopTimesInDhakaTime()
    {
        var trips = TripPlanner.TripsOn(_network, Day);

        Assert.Equal(_network.Schedules.Count, trips.Count);
        var night = trips.Single(t => t.TripId == "DHK-KOL-20261201-2230");
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 22, 30, 0, TimeSpan.FromHours(6)), night.Departure);
        // Crosses midnight: reaches Jashore at 03:00 the next day.
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.FromHours(6)), night.Stops[1].Departure);
        Assert.Equal(1000 + 250 + 1100, night.FareFor(0, 3));
        Assert.Empty(TripPlanner.TripsOn(_network, Day.AddDays(31)));
    }

    [Fact]
    public void Layouts_LabelSeatsByRowLetterAndNumber_WithNoDuplicates()
    {
        foreach (var layout in SeatLayouts.All)
        {
            Assert.Equal(layout.Seats.Count, layout.Seats.Select(s => s.Label).Distinct().Count());
        }
        Assert.Equal(30, SeatLayouts.AcBusiness.Seats.Count);
        Assert.Equal(["A1", "A2", "A3"], SeatLayouts.AcBusiness.Seats.Where(s => s.Row == 0).Select(s => s.Label));
        Assert.Equal(40, SeatLayouts.NonAc.Seats.Count);
    }

    [Fact]
    public void EveryStop_BelongsToACityOfTheNetwork()
    {
        var cities = _network.CityList.Select(c => c.Id).ToHashSet();

        Assert.All(_network.Stops, s => Assert.Contains(s.City, cities));
        Assert.All(_network.Stops, s => Assert.Null(NetworkValidator.CheckStop(_network, s)));
    }

    [Fact]
    public void Khulna_IsServedFromSeveralDhakaCounters_InBothDirections()
    {
        var dhaka = _network.Stops.Where(s => s.City == "dhaka").Select(s => s.Id).ToHashSet();
        var toKhulna = _network.Routes.Where(r => r.Stops[^1].StopId == "khulna-sonadanga").ToList();

        var counters = toKhulna.SelectMany(r => r.Stops.Select(s => s.StopId)).Where(dhaka.Contains).ToHashSet();
        Assert.Superset(new HashSet<string> { "dhaka-gabtoli", "dhaka-kalyanpur", "dhaka-arambagh" }, counters);
        var back = _network.Routes.Single(r => r.Code == "KHL-DHK-PB");
        Assert.Equal(["khulna-sonadanga", "dhaka-arambagh", "dhaka-kalyanpur"], back.Stops.Select(s => s.StopId));
        Assert.Equal([0, 270, 315], back.Stops.Select(s => s.OffsetMinutes));
    }
}
