using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Telemetry;

[Collection(WebAppCollection.Name)]
public sealed class MetricsTests(WebAppFixture app)
{
    [Fact]
    public async Task Holds_AreCountedByChannelAndOutcome_OnTheTripsMeter()
    {
        var outcomes = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TripMetrics.MeterName && instrument.Name == "diuparibahan.holds")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcomes.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(alice, 12))[1];
        var body = new { seats = new[] { "D3" }, from = Dhaka, to = Jashore };

        await alice.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", new { body.seats, body.from, body.to, requestId = "m-1" });
        await bob.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", new { body.seats, body.from, body.to, requestId = "m-2" });

        Assert.Contains("Held", outcomes);
        Assert.Contains(nameof(TripErrorCode.SeatsUnavailable), outcomes);
    }

    [Fact]
    public void OpenTelemetry_WithoutCollector_RecordsMetricsButNoTraces()
    {
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }
}
