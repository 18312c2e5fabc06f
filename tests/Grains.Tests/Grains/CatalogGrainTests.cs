using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class CatalogGrainTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = ServiceDay.Of(DateTimeOffset.UtcNow);

    private async Task<ICatalogGrain> SeededCatalogAsync()
    {
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>($"catalog-{Guid.NewGuid():N}");
        await catalog.SeedIfEmptyAsync(DemoNetwork.Create(Today.AddDays(-1), Today.AddDays(30)));
        return catalog;
    }

    [Fact]
    public async Task NewSchedule_CreatesItsTripsForThePlannedDays_OnTripGrainsAndDepartureBoards()
    {
        var catalog = await SeededCatalogAsync();
        await catalog.EnsureTripsAsync(Today, 2);
        Assert.Null((await catalog.UpsertRouteAsync(new Route("dhk-jes-x", "DHK-JESX", "Dhaka – Jashore express", "ঢাকা – যশোর এক্সপ্রেস",
            [new("dhaka-gabtoli", 0), new("jashore", 240)], [new(CoachClass.AcBusiness, [1100])]))).Failure);
        Assert.Null((await catalog.UpsertCoachAsync(new Coach("coach-x1", "Dhaka Metro Ba-99-0001", CoachClass.AcBusiness, SeatLayouts.AcBusiness.Code, "Volvo 9700"))).Failure);

        var result = await catalog.UpsertScheduleAsync(new Schedule("dhk-jes-x-2359", "dhk-jes-x", "coach-x1", new TimeOnly(23, 59), Today, Today.AddDays(10)));

        Assert.Null(result.Failure);
        Assert.Equal(2, result.TripsCreated);
        var tripId = TripPlanner.TripId("DHK-JESX", Today.AddDays(1), new TimeOnly(23, 59));
        var definition = await fixture.Grains.GetGrain<ITripGrain>(tripId).GetDefinitionAsync();
        Assert.Equal(1100, definition!.FareFor(0, 1));
        var board = await fixture.Grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(Today.AddDays(1))).GetDeparturesAsync();
        Assert.Contains(board, d => d.Trip.TripId == tripId);
    }

    [Fact]
    public async Task RefusedChange_LeavesTheNetworkAsItWas()
    {
        var catalog = await SeededCatalogAsync();
        var before = await catalog.GetNetworkAsync();

        var result = await catalog.DeleteStopAsync("benapole");

        Assert.Equal(CatalogErrorCode.StopInUse, result.Failure!.Code);
        // Stops hold lists (their points), which records compare by reference: compare what they say instead.
        Assert.Equal(JsonSerializer.Serialize(before.Stops), JsonSerializer.Serialize((await catalog.GetNetworkAsync()).Stops));
    }

    [Fact]
    public async Task EditedStop_KeepsItsPlaceInTheList()
    {
        var catalog = await SeededCatalogAsync();
        var stops = (await catalog.GetNetworkAsync()).Stops;

        await catalog.UpsertStopAsync(stops[3] with { NameEn = "Jashore (Monihar)" });

        var after = (await catalog.GetNetworkAsync()).Stops;
        Assert.Equal("Jashore (Monihar)", after[3].NameEn);
        Assert.Equal(stops.Count, after.Count);
    }

    [Fact]
    public async Task StopCity_GivenByAnOldSpelling_IsStoredAsTheCityId_AndAnUnknownCityIsRefused()
    {
        var catalog = await SeededCatalogAsync();

        var placed = await catalog.UpsertStopAsync(new Stop("chattogram-gec", "Chattogram (GEC)", "চট্টগ্রাম (জিইসি)", "Chittagong", StopKind.Counter));
        var refused = await catalog.UpsertStopAsync(new Stop("atlantis-port", "Atlantis Port", "আটলান্টিস", "Atlantis", StopKind.Counter));

        Assert.Null(placed.Failure);
        Assert.Equal((CatalogErrorCode.InvalidStop, "city"), (refused.Failure!.Code, refused.Failure.Field));
        var stops = (await catalog.GetNetworkAsync()).Stops;
        Assert.Equal("chattogram", stops.Single(s => s.Id == "chattogram-gec").City);
        Assert.DoesNotContain(stops, s => s.Id == "atlantis-port");
    }

    [Fact]
    public async Task SeededNetworkWithoutCities_GetsTheBuiltInCities_AndItsStopsNameThem()
    {
        // A network written before cities existed: stops carry free-text city names and the network no city list.
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>($"catalog-{Guid.NewGuid():N}");
        var old = DemoNetwork.Create(Today, Today.AddDays(1));
        old = old with { Cities = null, Stops = old.Stops.Select(s => s with { City = s.City == "dhaka" ? "Dhaka" : s.City }).ToList() };
        await catalog.SeedIfEmptyAsync(old);

        var network = await catalog.GetNetworkAsync();

        Assert.Contains(network.CityList, c => c.Id == "dhaka");
        Assert.Equal("dhaka", network.Stops.Single(s => s.Id == "dhaka-gabtoli").City);
    }
}
