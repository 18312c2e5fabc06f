using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// 200 concurrent callers race for random seats on random legs of a 50-seat trip, holding and selling at once. The
/// acknowledged operations must never overlap; every "taken" refusal must name a seat-leg that an acknowledged
/// operation really occupies; and the grain's final availability must be exactly the union of what was acknowledged.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TripGrainRaceTests(ClusterFixture fixture)
{
    private sealed record Acknowledged(IReadOnlyList<string> Seats, int From, int To);

    public static TheoryData<int> Rounds => new(Enumerable.Range(1, 5));

    [Theory]
    [MemberData(nameof(Rounds))]
    public async Task ConcurrentHoldsAndSales_NeverOverlap_AndRefusalsAreRealConflicts(int round)
    {
        var trip = Kolkata40($"RACE-{round}-{Guid.NewGuid():N}") with
        {
            Layout = SeatLayouts.Grid("R50", "Race 50", 25, 1, 1),
        };
        var shift = DateTimeOffset.UtcNow.AddDays(2) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        await grain.ScheduleAsync(trip);
        var seats = trip.Layout.Seats.Select(s => s.Label).ToArray();

        var acknowledged = new List<Acknowledged>();
        var refusals = new List<(IReadOnlyList<string> Conflicts, int From, int To)>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(caller => Task.Run(async () =>
        {
            var random = new Random(round * 1000 + caller);
            for (var op = 0; op < 5; op++)
            {
                var from = random.Next(0, 3);
                var to = random.Next(from + 1, 4);
                var pick = seats.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
                var requestId = $"{caller}-{op}";
                TripFailure? failure;
                if (random.Next(2) == 0)
                {
                    var result = await grain.HoldAsync(new HoldSeats($"clerk-{caller}", pick, StopOrder[from], StopOrder[to], requestId, SalesChannel.Counter));
                    failure = result.Failure;
                }
                else
                {
                    var result = await grain.SellAsync(new SellSeats($"clerk-{caller}", pick, StopOrder[from], StopOrder[to], requestId, SalesChannel.Counter, $"DP-{caller}"));
                    failure = result.Failure;
                }
                lock (acknowledged)
                {
                    if (failure is null)
                    {
                        acknowledged.Add(new Acknowledged(pick, from, to));
                    }
                    else
                    {
                        Assert.Equal(TripErrorCode.SeatsUnavailable, failure.Code);
                        refusals.Add((failure.Conflicts, from, to));
                    }
                }
            }
        })));

        Assert.NotEmpty(acknowledged);
        Assert.NotEmpty(refusals);
        var occupied = acknowledged.SelectMany(a => a.Seats.Select(s => (Seat: s, a.From, a.To))).ToList();
        foreach (var seat in occupied.GroupBy(o => o.Seat))
        {
            var intervals = seat.OrderBy(o => o.From).ToList();
            for (var i = 1; i < intervals.Count; i++)
            {
                Assert.True(intervals[i - 1].To <= intervals[i].From, $"Seat {seat.Key} was acknowledged twice on overlapping legs");
            }
        }
        // Nothing is released in this test, so a seat-leg that was taken when refused is still covered by an acknowledgement.
        foreach (var (conflicts, from, to) in refusals)
        {
            Assert.All(conflicts, seat => Assert.Contains(occupied, o => o.Seat == seat && o.From < to && from < o.To));
        }
        var availability = (await grain.GetAvailabilityAsync())!;
        for (var i = 0; i < seats.Length; i++)
        {
            var expected = occupied.Where(o => o.Seat == seats[i]).Aggregate(0L, (mask, o) => mask | TripAvailability.LegMask(o.From, o.To));
            Assert.Equal(expected, availability.SeatLegMasks[i]);
        }
    }
}
