using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Security;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>Invented trip, hold and booking ids are refused before any grain is touched, so a flood of them costs no memory.</summary>
[Collection(HardeningCollection.Name)]
public sealed class UnknownIdActivationTests(HardeningAppFixture app)
{
    private const int Requests = 20_000;

    [Fact]
    public async Task TwentyThousandUnknownIds_AddAtMostFiftyTripActivations_AndTenMegabytes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = app.WithToken(app.StaffToken("ops"));
        using var warmUp = app.NewVisitor();
        // Plausible ids (a real route code, a real day) as well as junk: those may re-read a departure board, never a trip.
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(3).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        (await warmUp.GetAsync($"/api/trips/DHK-KOL-{day}-0001", ct)).Dispose();
        var real = (await Fixtures.DemoTrips.KolkataTripsAsync(warmUp, 3)).Select(t => t.TripId).ToHashSet();
        Assert.NotEmpty(real);
        var activationsBefore = await TripActivationsAsync(ops);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var next = -1;
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), ct, async (_, token) =>
        {
            using var client = app.NewVisitor();
            int i;
            while ((i = Interlocked.Increment(ref next)) < Requests)
            {
                var id = (i % 3) switch
                {
                    0 when !real.Contains($"DHK-KOL-{day}-{i % 10000:D4}") => $"DHK-KOL-{day}-{i % 10000:D4}",
                    0 => $"DHK-KOL-{day}-9999",
                    1 => $"INVENTED-{i}-20261207-2230",
                    _ => $"junk{i}",
                };
                using var response = (i % 4) switch
                {
                    0 => await client.GetAsync($"/api/trips/{id}", token),
                    1 => await client.GetAsync($"/api/trips/{id}/seats?from=a&to=b", token),
                    2 => await client.PostAsync($"/api/trips/{id}/holds",
                        new StringContent("""{"seats":["A1"],"from":"a","to":"b","requestId":"r"}""", Encoding.UTF8, "application/json"), token),
                    _ => await client.GetAsync($"/api/holds/{id}.{Guid.NewGuid():N}", token),
                };
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound, $"{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(token)}");
            }
        });

        var activationsAfter = await TripActivationsAsync(ops);
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"trip activations {activationsBefore} -> {activationsAfter}; managed memory {memoryBefore / 1024} KB -> {memoryAfter / 1024} KB");
        Assert.True(activationsAfter - activationsBefore <= 50, $"{activationsAfter - activationsBefore} trip grains were activated.");
        Assert.True(memoryAfter - memoryBefore <= 10 * 1024 * 1024, $"Managed memory grew by {(memoryAfter - memoryBefore) / 1024} KB.");
    }

    private static async Task<int> TripActivationsAsync(HttpClient ops)
    {
        var cluster = await ops.GetFromJsonAsync<JsonElement>("/api/reports/cluster", TestContext.Current.CancellationToken);
        return cluster.GetProperty("silos").EnumerateArray().Sum(s => s.GetProperty("tripActivations").GetInt32());
    }
}
