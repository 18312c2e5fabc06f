using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class DepartureBoardGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Summaries_MatchTheDepartures_AndFollowAvailabilityReports()
    {
        var board = fixture.Grains.GetGrain<IDepartureBoardGrain>($"2031-01-{Random.Shared.Next(1, 28):00}-{Guid.NewGuid():N}");
        var start = new DateTimeOffset(2031, 1, 5, 22, 30, 0, TimeSpan.FromHours(6));
        var trips = new[] { 1, 0 }.Select(n => new TripDefinition($"T{n}-{Guid.NewGuid():N}", "r", "R", "Route", "রুট", "c", "Reg",
            CoachClass.NonAc, SeatLayouts.NonAc, [new("a", start.AddHours(n)), new("b", start.AddHours(n + 4))], [700], TimeSpan.FromMinutes(30))).ToList();
        await board.AddTripsAsync(trips);

        var before = await board.GetSummariesAsync();

        Assert.Equal(trips.OrderBy(t => t.Departure).Select(t => t.TripId), before.Select(s => s.TripId));
        Assert.All(before, s => Assert.Equal(SeatLayouts.NonAc.Seats.Count, s.SeatCount));
        Assert.All(before, s => Assert.Null(s.Availability));

        var masks = Enumerable.Repeat(0L, SeatLayouts.NonAc.Seats.Count).ToArray();
        masks[0] = 1;
        await board.ReportAvailabilityAsync(trips[1].TripId, new TripAvailability(7, masks, false));
        // The report is one-way: wait until the board has taken it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        DepartureSummary reported;
        while ((reported = (await board.GetSummariesAsync()).Single(s => s.TripId == trips[1].TripId)).Availability is null
               && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.Equal(SeatLayouts.NonAc.Seats.Count - 1, reported.Availability!.FreeSeats(0, 1));
        Assert.Equal(700, reported.FareFor(reported.IndexOf("a"), reported.IndexOf("b")));
    }
}
