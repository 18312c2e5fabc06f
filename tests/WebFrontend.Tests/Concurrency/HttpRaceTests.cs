using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Testing.History;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Concurrency;

/// <summary>
/// A hundred visitors race over HTTP for a dozen seats of one trip on random legs for a few seconds: holding, releasing
/// and leaving holds to expire. Every request is recorded and the history checker must find no seat-leg occupied
/// twice, no refusal without a real conflict, and final seat maps that agree with what was acknowledged.
/// </summary>
public sealed class HttpRaceTests(ShortHoldAppFixture app) : IClassFixture<ShortHoldAppFixture>
{
    private const int Visitors = 100;
    private static readonly TimeSpan RaceLength = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task HundredVisitorsRacingHoldsReleasesAndExpiries_LeaveAHistoryWithNoDoubleOccupationOrFalseRefusal()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var setup = await app.NewPassengerAsync();
        var tripId = (await KolkataTripsAsync(setup, 6))[0].TripId;
        var detail = await setup.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}", cancellation);
        var stops = detail.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("stopId").GetString()!).ToArray();
        var seats = detail.GetProperty("layout").GetProperty("seats").EnumerateArray()
            .Select(s => s.GetProperty("label").GetString()!).Take(12).ToArray();
        var history = new OperationHistory();
        var visitors = (await Task.WhenAll(Enumerable.Range(0, Visitors)
            .Select(async v => (Http: await app.NewPassengerAsync(), Random: new Random(v))))).ToList();
        // The race starts once every visitor is signed in.
        var deadline = history.Now + RaceLength;
        await Task.WhenAll(visitors.Select(visitor => Task.Run(async () =>
        {
            var client = new RecordingTripClient(visitor.Http, history);
            var random = visitor.Random;
            while (history.Now < deadline)
            {
                var from = random.Next(0, stops.Length - 1);
                var to = random.Next(from + 1, stops.Length);
                var pick = random.GetItems(seats, random.Next(1, 3)).Distinct().ToArray();
                var attempt = await client.HoldAsync(tripId, stops, pick, from, to, cancellation);
                // Half the holds are released soon after, the rest are left to expire.
                if (attempt.HoldId is { } holdId && random.Next(2) == 0)
                {
                    await Task.Delay(random.Next(0, 200), cancellation);
                    await client.ReleaseAsync(tripId, holdId, cancellation);
                }
            }
        }, cancellation)));

        var observer = new RecordingTripClient(setup, history);
        await ReadEveryLegAsync(observer, tripId, stops, cancellation);
        var lastExpiry = history.Operations.Max(o => o.ExpiresAt) ?? TimeSpan.Zero;
        // Wait out every hold on the monotonic clock, then the trip must show every seat free again.
        await Task.Delay(lastExpiry - history.Now + history.ExpiryTolerance + TimeSpan.FromMilliseconds(200), cancellation);
        var afterExpiry = await ReadEveryLegAsync(observer, tripId, stops, cancellation);
        foreach (var (http, _) in visitors)
        {
            http.Dispose();
        }

        var report = history.Verify();
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(report.IsClean, report.ToString());
        var operations = history.Operations;
        Assert.DoesNotContain(operations, o => o.Outcome == OperationOutcome.Error);
        Assert.True(operations.Count(o => o is { Kind: OperationKind.Hold, Outcome: OperationOutcome.Acknowledged }) >= 20, report.ToString());
        Assert.True(report.RefusalsChecked >= 20, report.ToString());
        Assert.Contains(operations, o => o is { Kind: OperationKind.Release, Outcome: OperationOutcome.Acknowledged });
        var released = operations.Where(o => o is { Kind: OperationKind.Release, Outcome: OperationOutcome.Acknowledged })
            .Select(o => o.HoldId).ToHashSet();
        Assert.Contains(operations, o => o is { Kind: OperationKind.Hold, Outcome: OperationOutcome.Acknowledged }
            && !released.Contains(o.HoldId) && o.ExpiresAt < deadline);
        Assert.All(afterExpiry, map => Assert.DoesNotContain(true, map.Values));
    }

    private static async Task<List<IReadOnlyDictionary<string, bool>>> ReadEveryLegAsync(
        RecordingTripClient client, string tripId, string[] stops, CancellationToken cancellation)
    {
        var maps = new List<IReadOnlyDictionary<string, bool>>();
        for (var leg = 0; leg < stops.Length - 1; leg++)
        {
            maps.Add(await client.SeatMapAsync(tripId, stops, leg, leg + 1, cancellation));
        }
        return maps;
    }
}
