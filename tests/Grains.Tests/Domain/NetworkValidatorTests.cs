using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class NetworkValidatorTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private readonly Network _network = DemoNetwork.Create(Day, Day.AddDays(60));

    private Route Khulna => _network.Routes.Single(r => r.Code == "DHK-KHL");

    [Fact]
    public void Route_WithOneStop_IsRefused()
    {
        var failure = NetworkValidator.CheckRoute(_network, Khulna with { Stops = [Khulna.Stops[0]] });

        Assert.Equal(CatalogErrorCode.InvalidRoute, failure!.Code);
    }

    [Fact]
    public void Route_WithTimesNotIncreasing_IsRefused()
    {
        var stops = Khulna.Stops.Select((s, i) => s with { OffsetMinutes = i == 2 ? 100 : s.OffsetMinutes }).ToList();

        Assert.Equal("stops", NetworkValidator.CheckRoute(_network, Khulna with { Stops = stops })!.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-50)]
    public void Route_WithANonPositiveFare_IsRefused(int fare)
    {
        var fares = Khulna.Fares.Select(f => f with { LegFares = [f.LegFares[0], fare] }).ToList();

        Assert.Equal("fares", NetworkValidator.CheckRoute(_network, Khulna with { Fares = fares })!.Field);
    }

    [Fact]
    public void Route_WithFaresForTheWrongNumberOfLegs_IsRefused()
    {
        var fares = Khulna.Fares.Select(f => f with { LegFares = [600] }).ToList();

        Assert.NotNull(NetworkValidator.CheckRoute(_network, Khulna with { Fares = fares }));
    }

    [Fact]
    public void Route_ThroughAnUnknownStop_IsRefused()
    {
        var stops = Khulna.Stops.Append(new RouteStop("mongla", 420)).ToList();
        var fares = Khulna.Fares.Select(f => f with { LegFares = [.. f.LegFares, 100] }).ToList();

        Assert.Contains("mongla", NetworkValidator.CheckRoute(_network, Khulna with { Stops = stops, Fares = fares })!.Detail);
    }

    [Fact]
    public void Route_ValidNewRoute_IsAccepted()
    {
        var route = new Route("dhk-jes", "DHK-JES", "Dhaka – Jashore", "ঢাকা – যশোর",
            [new("dhaka-gabtoli", 0), new("jashore", 270)], [new(CoachClass.NonAc, [500])]);

        Assert.Null(NetworkValidator.CheckRoute(_network, route));
    }

    [Fact]
    public void Layout_WithDuplicateLabels_IsRefused_NamingTheLabel()
    {
        var layout = SeatLayouts.Grid("X", "X", 2, 2, 2);
        var seats = layout.Seats.Select(s => s.Label == "B1" ? s with { Label = "A1" } : s).ToList();

        var failure = NetworkValidator.CheckLayout(layout with { Seats = seats });

        Assert.Contains("A1", failure!.Detail);
    }

    [Fact]
    public void Layout_WithMissingSeats_IsAccepted_ButASeatOutsideTheGridIsNot()
    {
        var layout = SeatLayouts.Grid("X", "X", 3, 2, 2);

        Assert.Null(NetworkValidator.CheckLayout(layout with { Seats = layout.Seats.Where(s => s.Label != "A1").ToList() }));
        Assert.NotNull(NetworkValidator.CheckLayout(layout with { Seats = [.. layout.Seats, new LayoutSeat("Z9", 3, 0)] }));
    }

    [Fact]
    public void StopDeletion_WhileARouteUsesIt_IsRefused()
    {
        Assert.Equal(CatalogErrorCode.StopInUse, NetworkValidator.CheckStopDeletion(_network, "jashore")!.Code);
    }

    [Fact]
    public void Schedule_PuttingACoachOnTwoTripsAtOnce_IsRefused()
    {
        var busy = _network.Schedules.Single(s => s.Id == "dhk-khl-2300");
        // Same coach an hour later on another route: the 23:00 Khulna run lasts six hours.
        var clash = new Schedule("extra", "dhk-raj", busy.CoachId, new TimeOnly(2, 0), Day.AddDays(3), Day.AddDays(5));

        Assert.Equal(CatalogErrorCode.CoachBusy, NetworkValidator.CheckSchedule(_network, clash)!.Code);
    }

    [Fact]
    public void Schedule_ForTheSameCoachAfterItsTripEnds_IsAccepted()
    {
        var busy = _network.Schedules.Single(s => s.Id == "dhk-khl-2300");
        var later = new Schedule("extra", "dhk-raj", busy.CoachId, new TimeOnly(12, 0), Day.AddDays(3), Day.AddDays(5));

        Assert.Null(NetworkValidator.CheckSchedule(_network, later));
    }

    [Fact]
    public void Schedule_WhoseDatesEndBeforeTheyStart_IsRefused()
    {
        var schedule = new Schedule("extra", "dhk-khl", "coach-01", new TimeOnly(12, 0), Day.AddDays(5), Day.AddDays(3));

        Assert.Equal(CatalogErrorCode.InvalidSchedule, NetworkValidator.CheckSchedule(_network, schedule)!.Code);
    }

    private Route Kolkata => _network.Routes.Single(r => r.Code == "DHK-KOL");

    [Fact]
    public void Route_WithAStopAbroad_MarkedCrossBorder_IsAccepted_AndUnmarked_IsRefused()
    {
        Assert.Null(NetworkValidator.CheckRoute(_network, Kolkata));

        var failure = NetworkValidator.CheckRoute(_network, Kolkata with { CrossBorder = false });

        Assert.Equal(CatalogErrorCode.CrossBorderRequired, failure!.Code);
        Assert.Equal("crossBorder", failure.Field);
    }

    [Fact]
    public void Stop_MadeAbroad_WhileOnARouteNotMarkedCrossBorder_IsRefused_NamingTheRoute()
    {
        var stop = _network.Stops.Single(s => s.Id == Khulna.Stops[^1].StopId);

        var failure = NetworkValidator.CheckStop(_network, stop with { Country = "IND" });

        Assert.Equal(CatalogErrorCode.CrossBorderRequired, failure!.Code);
        Assert.Contains(_network.Routes.Where(r => !r.CrossBorder && r.Stops.Any(s => s.StopId == stop.Id)), r => failure.Detail.Contains(r.Code));
    }

    [Fact]
    public void Stop_WithAPointIdOfAnotherStop_IsRefused_ButItsOwnPointIdsAreFine()
    {
        var owner = _network.Stops.First(s => s.Points is { Count: > 0 });
        var other = _network.Stops.First(s => s.Id != owner.Id && s.Points is null or { Count: 0 });

        Assert.Null(NetworkValidator.CheckStop(_network, owner));
        var failure = NetworkValidator.CheckStop(_network, other with { Points = [owner.Points![0]] });

        Assert.Equal(CatalogErrorCode.PointIdTaken, failure!.Code);
        Assert.Contains(owner.Id, failure.Detail);
    }
}
