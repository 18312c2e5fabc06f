using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Testing.History;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Counter;

/// <summary>
/// Online buyers (hold, book, pay) and counter clerks (cash sales) race for the same twenty-four seats of one trip on random,
/// overlapping legs. Every request is recorded; the history checker must find no seat-leg occupied twice and no false
/// refusal, every seat-leg is sold at most once, and the final seat map is exactly what was acknowledged.
/// </summary>
public sealed class OnlineVersusCounterRaceTests(CounterRaceAppFixture app) : IClassFixture<CounterRaceAppFixture>
{
    private const int OnlineVisitors = 40;
    private const int Clerks = 4;
    private static readonly TimeSpan RaceLength = TimeSpan.FromSeconds(4);

    // On a loaded machine a counter sale (booking, trip, outbox and reminder writes) may not land within RaceLength; the
    // race then goes on until both kinds of sale have, so the assertions below test the race rather than the clock.
    private static readonly TimeSpan LongestRace = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task OnlineBuyersAndClerksRacingForOneTrip_SellEverySeatLegAtMostOnce_AndTheSeatMapIsWhatWasAcknowledged()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var setup = await app.NewPassengerAsync();
        var tripId = (await KolkataTripsAsync(setup, 1))[0].TripId;
        var detail = await setup.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}", cancellation);
        var stops = detail.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("stopId").GetString()!).ToArray();
        var seats = detail.GetProperty("layout").GetProperty("seats").EnumerateArray()
            .Select(s => s.GetProperty("label").GetString()!).Take(24).ToArray();
        var history = new OperationHistory();
        var deadline = history.Now + RaceLength;
        var cutoff = history.Now + LongestRace;
        bool Racing() => history.Now < deadline
            || history.Now < cutoff && !(Acknowledged(history, OperationKind.Sell) && Acknowledged(history, OperationKind.Confirm));

        var online = Enumerable.Range(0, OnlineVisitors).Select(v => Task.Run(async () =>
        {
            using var http = await app.NewPassengerAsync();
            var trips = new RecordingTripClient(http, history);
            var sales = new RecordingSalesClient(http, history);
            var random = new Random(v);
            while (Racing())
            {
                var (from, to) = Leg(random, stops.Length);
                var pick = random.GetItems(seats, random.Next(1, 3)).Distinct().ToArray();
                var attempt = await trips.HoldAsync(tripId, stops, pick, from, to, cancellation);
                // People take a moment between tries; without it forty browsers take every seat before a clerk can.
                await Task.Delay(random.Next(100, 400), cancellation);
                if (attempt.HoldId is not { } holdId)
                {
                    continue;
                }
                // Most buyers pay; the others change their mind and let the seats go.
                if (random.Next(3) > 0)
                {
                    await sales.BookAndPayAsync(tripId, holdId, pick.Length, cancellation);
                }
                else
                {
                    await trips.ReleaseAsync(tripId, holdId, cancellation);
                }
            }
        }, cancellation));
        var counter = Enumerable.Range(0, Clerks).Select(c => Task.Run(async () =>
        {
            using var http = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
            var sales = new RecordingSalesClient(http, history);
            var random = new Random(1_000 + c);
            while (Racing())
            {
                var (from, to) = Leg(random, stops.Length);
                await sales.SellAtCounterAsync(tripId, stops, random.GetItems(seats, random.Next(1, 3)).Distinct().ToArray(), from, to, cancellation);
                await Task.Delay(random.Next(50, 150), cancellation);
            }
        }, cancellation));
        await Task.WhenAll(online.Concat(counter));

        var observer = new RecordingTripClient(setup, history);
        var finalMaps = new List<IReadOnlyDictionary<string, bool>>();
        for (var leg = 0; leg < stops.Length - 1; leg++)
        {
            finalMaps.Add(await observer.SeatMapAsync(tripId, stops, leg, leg + 1, cancellation));
        }

        var report = history.Verify();
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(report.IsClean, report.ToString());
        var operations = history.Operations.ToList();
        var counts = string.Join(", ", operations.GroupBy(o => $"{o.Kind} {o.Outcome}").Select(g => $"{g.Key}: {g.Count()}"));
        TestContext.Current.TestOutputHelper?.WriteLine(counts);
        Assert.DoesNotContain(operations, o => o.Outcome == OperationOutcome.Error);
        Assert.True(operations.Any(o => o is { Kind: OperationKind.Sell, Outcome: OperationOutcome.Acknowledged }), counts);
        Assert.True(operations.Any(o => o is { Kind: OperationKind.Confirm, Outcome: OperationOutcome.Acknowledged }), counts);
        Assert.True(report.RefusalsChecked >= 10, report.ToString());

        var released = Acknowledged(operations, OperationKind.Release).Select(o => o.HoldId).ToHashSet();
        var confirmed = Acknowledged(operations, OperationKind.Confirm).Select(o => o.HoldId).ToHashSet();
        var sold = Acknowledged(operations, OperationKind.Sell)
            .Concat(Acknowledged(operations, OperationKind.Hold).Where(h => confirmed.Contains(h.HoldId))).ToList();
        // Holds last ten minutes, so every hold neither released nor paid is still live.
        var occupied = sold.Concat(Acknowledged(operations, OperationKind.Hold).Where(h => !released.Contains(h.HoldId) && !confirmed.Contains(h.HoldId)));
        for (var leg = 0; leg < stops.Length - 1; leg++)
        {
            var covering = sold.Where(o => o.From <= leg && leg < o.To).SelectMany(o => o.Seats).ToList();
            Assert.Equal(covering.Distinct().Count(), covering.Count);
            var expected = occupied.Where(o => o.From <= leg && leg < o.To).SelectMany(o => o.Seats).ToHashSet();
            var shown = finalMaps[leg].Where(s => s.Value).Select(s => s.Key).ToHashSet();
            Assert.Equal(expected.Order(), shown.Order());
        }
    }

    private static IEnumerable<Operation> Acknowledged(IEnumerable<Operation> operations, OperationKind kind) =>
        operations.Where(o => o.Kind == kind && o.Outcome == OperationOutcome.Acknowledged);

    private static bool Acknowledged(OperationHistory history, OperationKind kind) =>
        history.Operations.Any(o => o.Kind == kind && o.Outcome == OperationOutcome.Acknowledged);

    private static (int From, int To) Leg(Random random, int stops)
    {
        var from = random.Next(0, stops - 1);
        return (from, random.Next(from + 1, stops));
    }
}
