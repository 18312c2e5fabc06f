using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Admin;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.TripOps;

/// <summary>
/// Ops cancels, delays and re-coaches trips of the Dhaka–Rajshahi corridor (this class's own: other tests keep off it),
/// with bookings paid through the fake Stripe and in cash at a counter.
/// </summary>
[Collection(StripeAppCollection.Name)]
public sealed class TripOpsApiTests(StripeAppFixture app)
{
    private const string Gabtoli = "dhaka-gabtoli";
    private const string Rajshahi = "rajshahi";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    private sealed record OpsUser(HttpClient Client, string Id);

    private OpsUser Ops()
    {
        var token = app.StaffToken(Roles.Ops);
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        var sub = JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetString()!;
        return new(app.WithToken(token), sub);
    }

    /// <summary>The Rajshahi trips of a day ahead: the 09:00 Non-AC one first, then the 22:45 AC Economy one.</summary>
    private async Task<JsonElement[]> RajshahiTripsAsync(HttpClient client, int daysAhead)
    {
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead));
        return JsonDocument.Parse(await client.GetStringAsync($"/api/trips?from={Gabtoli}&to={Rajshahi}&date={day}", Ct)).RootElement
            .EnumerateArray().ToArray();
    }

    private async Task<string> TripAsync(int daysAhead, int index = 0)
    {
        using var visitor = await app.NewPassengerAsync();
        return (await RajshahiTripsAsync(visitor, daysAhead))[index].GetProperty("tripId").GetString()!;
    }

    private static async Task<HttpResponseMessage> HoldAsync(HttpClient visitor, string tripId, params string[] seats) =>
        await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = Gabtoli, to = Rajshahi, requestId = Guid.NewGuid().ToString() }, Ct);

    /// <summary>An online booking paid through the fake Stripe (its webhook delivered): Confirmed.</summary>
    private async Task<string> PaidOnlineAsync(string tripId, params string[] seats)
    {
        using var visitor = await app.NewPassengerAsync();
        var hold = await HoldAsync(visitor, tripId, seats);
        hold.EnsureSuccessStatusCode();
        var holdId = (await Json(hold)).GetProperty("holdId").GetString()!;
        var booking = await PostBookingAsync(visitor, holdId, seats.Select(_ => Passenger()).ToArray());
        booking.EnsureSuccessStatusCode();
        var pnr = (await Json(booking)).GetProperty("pnr").GetString()!;
        var payload = app.Stripe.SucceededEvent(pnr);
        using var stripe = new HttpClient { BaseAddress = app.ServerAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", FakeStripe.Sign(payload));
        (await stripe.SendAsync(request, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(BookingStatus.Confirmed, (await BookingAsync(pnr)).Status);
        return pnr;
    }

    /// <summary>A cash sale at the Gabtoli counter: Confirmed and paid.</summary>
    private async Task<string> CashSaleAsync(string tripId, params string[] seats)
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Gabtoli));
        var response = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats, from = Gabtoli, to = Rajshahi, requestId = Guid.NewGuid().ToString(),
            passengers = seats.Select(_ => Passenger("Karim Mia", "01812345678")).ToArray(),
        }, Ct);
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("pnr").GetString()!;
    }

    private async Task<BookingView> BookingAsync(string pnr) => (await Grains.GetGrain<IBookingGrain>(pnr).GetAsync())!;

    private static Task<HttpResponseMessage> CancelAsync(OpsUser ops, string tripId, string reason = "Road closed by flood") =>
        ops.Client.PostAsJsonAsync($"/api/admin/trips/{tripId}/cancel", new { reason }, Ct);

    private int RefundsFor(string pnr) =>
        app.Stripe.RefundsCreated.Count(r => r["metadata"]?["pnr"]?.GetValue<string>() == pnr);

    private IReadOnlyList<(string Kind, string? Actor, string Payload)> TripEvents(string tripId)
    {
        var path = app.Services.GetRequiredService<IConfiguration>()["Orleans:DataPath"];
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, actor, payload FROM events WHERE trip_id = $trip AND booking_ref IS NULL ORDER BY id";
        command.Parameters.AddWithValue("$trip", tripId);
        using var reader = command.ExecuteReader();
        var events = new List<(string, string?, string)>();
        while (reader.Read())
        {
            events.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }
        return events;
    }

    [Fact]
    public async Task CancelTrip_IssuedTwiceConcurrently_CancelsEveryBooking_AndRefundsEachStripePaymentExactlyOnce()
    {
        var ops = Ops();
        var tripId = await TripAsync(3);
        var online = new[] { await PaidOnlineAsync(tripId, "A1"), await PaidOnlineAsync(tripId, "B1", "B2") };
        var cash = await CashSaleAsync(tripId, "C1");

        var responses = await Task.WhenAll(CancelAsync(ops, tripId), CancelAsync(ops, tripId));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var progress = await ops.Client.GetFromJsonAsync<JsonElement>($"/api/admin/trips/{tripId}/cancellation", Ct);
        Assert.True(progress.GetProperty("complete").GetBoolean());
        Assert.Equal(online.Append(cash).Order(StringComparer.Ordinal),
            progress.GetProperty("settled").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));
        foreach (var pnr in online)
        {
            var booking = await BookingAsync(pnr);
            Assert.Equal(BookingStatus.Refunded, booking.Status);
            Assert.Equal((100, (decimal)booking.Total), (booking.Refund!.Percent, booking.Refund.Amount));
            Assert.Equal(1, RefundsFor(pnr));
            Assert.Equal(booking.Total * 100L, app.Stripe.RefundsCreated.Single(r => r["metadata"]?["pnr"]?.GetValue<string>() == pnr)["amount"]!.GetValue<long>());
            Assert.Single(booking.History, h => h.Kind == "booking.trip-cancelled");
        }
        var cashBooking = await BookingAsync(cash);
        Assert.Equal(BookingStatus.Refunded, cashBooking.Status);
        Assert.Equal("cash-refund:" + cash, cashBooking.Refund!.Reference);
        Assert.Equal(0, RefundsFor(cash));
        var audit = Assert.Single(TripEvents(tripId), e => e.Kind == "trip.cancelled");
        Assert.Equal(ops.Id, audit.Actor);
        Assert.Contains("Road closed by flood", audit.Payload);
    }

    [Fact]
    public async Task CancelTrip_InterruptedMidway_IsFinishedByIssuingItAgain_WithoutASecondRefund()
    {
        var ops = Ops();
        var tripId = await TripAsync(4);
        var first = await PaidOnlineAsync(tripId, "A1");
        var second = await PaidOnlineAsync(tripId, "A2");
        // The frontend stopped right after the trip stored the cancellation: no booking was told yet.
        await Grains.GetGrain<ITripGrain>(tripId).CancelTripAsync(new CancelTrip(ops.Id, "Road closed by flood"));
        Assert.Equal(BookingStatus.Confirmed, (await BookingAsync(first)).Status);
        // And the provider is unreachable for one refund when ops cancels again.
        app.Stripe.FailNextRefund(second);

        var partly = await Json(await CancelAsync(ops, tripId));
        var finished = await Json(await CancelAsync(ops, tripId));
        var again = await Json(await CancelAsync(ops, tripId));

        Assert.False(partly.GetProperty("complete").GetBoolean());
        Assert.Equal([second], partly.GetProperty("outstanding").EnumerateArray().Select(p => p.GetString()));
        Assert.True(finished.GetProperty("complete").GetBoolean());
        Assert.True(again.GetProperty("complete").GetBoolean());
        Assert.Equal((1, 1), (RefundsFor(first), RefundsFor(second)));
        Assert.Equal(BookingStatus.Refunded, (await BookingAsync(second)).Status);
        Assert.Single(TripEvents(tripId), e => e.Kind == "trip.cancelled");
    }

    [Fact]
    public async Task CancelTrip_LeftUnfinished_IsFinishedByTheBackgroundSweep_WithoutASecondRefund()
    {
        var ops = Ops();
        var tripId = await TripAsync(12);
        var first = await PaidOnlineAsync(tripId, "A1");
        var second = await PaidOnlineAsync(tripId, "A2");
        var registry = Grains.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key);
        var sweeper = app.Services.GetRequiredService<CancellationSweeper>();
        // The frontend stopped right after the trip stored the cancellation, and nobody re-issues it.
        await Grains.GetGrain<ITripGrain>(tripId).CancelTripAsync(new CancelTrip(ops.Id, "Road closed by flood"));
        Assert.Contains(tripId, await registry.ListAsync());
        app.Stripe.FailNextRefund(second);

        await sweeper.SweepAsync(Ct);
        var partly = (await Grains.GetGrain<ITripGrain>(tripId).GetCancellationAsync())!;
        var listedWhileOwed = await registry.ListAsync();
        await sweeper.SweepAsync(Ct);
        var finished = (await Grains.GetGrain<ITripGrain>(tripId).GetCancellationAsync())!;
        await sweeper.SweepAsync(Ct);

        Assert.Equal([second], partly.Outstanding);
        Assert.Contains(tripId, listedWhileOwed);
        Assert.Empty(finished.Outstanding);
        Assert.DoesNotContain(tripId, await registry.ListAsync());
        Assert.Equal((1, 1), (RefundsFor(first), RefundsFor(second)));
        Assert.Equal((BookingStatus.Refunded, BookingStatus.Refunded), ((await BookingAsync(first)).Status, (await BookingAsync(second)).Status));
        Assert.Equal(ops.Id, Assert.Single(TripEvents(tripId), e => e.Kind == "trip.cancelled").Actor);
    }

    [Fact]
    public async Task CancelledTrip_RefusesNewHoldsWithACode_AndShowsCancelledInSearchAndSeatMap()
    {
        var ops = Ops();
        var tripId = await TripAsync(5);

        (await CancelAsync(ops, tripId)).EnsureSuccessStatusCode();

        using var visitor = await app.NewPassengerAsync();
        await ProblemAssert.IsProblemAsync(await HoldAsync(visitor, tripId, "D1"), HttpStatusCode.Conflict, "trip-cancelled");
        var listing = (await RajshahiTripsAsync(visitor, 5)).Single(t => t.GetProperty("tripId").GetString() == tripId);
        Assert.True(listing.GetProperty("cancelled").GetBoolean());
        Assert.False(listing.GetProperty("salesOpen").GetBoolean());
        var map = await visitor.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}/seats?from={Gabtoli}&to={Rajshahi}", Ct);
        Assert.True(map.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task CancelTrip_OfADepartedTrip_Is409_AndNothingChanges()
    {
        var ops = Ops();
        var past = (await Grains.GetGrain<ITripGrain>(await TripAsync(6)).GetDefinitionAsync())!;
        var shift = DateTimeOffset.UtcNow.AddHours(-1) - past.Departure;
        var departed = past with
        {
            TripId = "DHK-RAJ-DEPARTED-" + Guid.NewGuid().ToString("N")[..8],
            Stops = past.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList(),
        };
        Assert.Null((await Grains.GetGrain<ITripGrain>(departed.TripId).ScheduleAsync(departed)).Failure);

        var response = await CancelAsync(ops, departed.TripId);
        var delay = await ops.Client.PostAsJsonAsync($"/api/admin/trips/{departed.TripId}/delay",
            new { departure = DateTimeOffset.UtcNow.AddHours(1), reason = "Fog" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "trip-departed");
        await ProblemAssert.IsProblemAsync(delay, HttpStatusCode.Conflict, "trip-departed");
        Assert.Null(await Grains.GetGrain<ITripGrain>(departed.TripId).GetCancellationAsync());
        Assert.Empty(TripEvents(departed.TripId));
    }

    [Fact]
    public async Task CancelTrip_WithoutAReason_Is400_AndTheTripStaysOnSale()
    {
        var ops = Ops();
        var tripId = await TripAsync(6, 1);

        await ProblemAssert.IsProblemAsync(await CancelAsync(ops, tripId, " "), HttpStatusCode.BadRequest, "invalid-request");

        using var visitor = await app.NewPassengerAsync();
        Assert.Equal(HttpStatusCode.Created, (await HoldAsync(visitor, tripId, "A4")).StatusCode);
    }

    [Fact]
    public async Task HubWatcher_IsToldToResync_AndThenSeesTheTripCancelled()
    {
        var ops = Ops();
        var tripId = await TripAsync(7);
        var resyncs = Channel.CreateUnbounded<JsonElement>();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, "/hubs/trips")).Build();
        connection.On<JsonElement>("resync", e => resyncs.Writer.TryWrite(e));
        await connection.StartAsync(Ct);
        var before = await connection.InvokeAsync<JsonElement>("Watch", tripId, Gabtoli, Rajshahi, Ct);
        Assert.False(before.GetProperty("cancelled").GetBoolean());

        (await CancelAsync(ops, tripId)).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var message = await resyncs.Reader.ReadAsync(timeout.Token);
        Assert.Equal(tripId, message.GetProperty("tripId").GetString());
        var after = await connection.InvokeAsync<JsonElement>("Watch", tripId, Gabtoli, Rajshahi, Ct);
        Assert.True(after.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task DelayTrip_MovesEveryBookingAndTheSearchListing_AndIsAudited()
    {
        var ops = Ops();
        var tripId = await TripAsync(8, 1);
        var pnr = await CashSaleAsync(tripId, "A1");
        var booked = await BookingAsync(pnr);
        var later = booked.Journey.Departure.AddMinutes(90);

        var response = await ops.Client.PostAsJsonAsync($"/api/admin/trips/{tripId}/delay", new { departure = later, reason = "Fog on the highway" }, Ct);
        var again = await ops.Client.PostAsJsonAsync($"/api/admin/trips/{tripId}/delay", new { departure = later, reason = "Fog on the highway" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var booking = await BookingAsync(pnr);
        Assert.Equal((later, booked.Journey.Arrival.AddMinutes(90)), (booking.Journey.Departure, booking.Journey.Arrival));
        Assert.Single(booking.History, h => h.Kind == "booking.trip-delayed");
        using var visitor = await app.NewPassengerAsync();
        var listing = (await RajshahiTripsAsync(visitor, 8)).Single(t => t.GetProperty("tripId").GetString() == tripId);
        Assert.Equal(later, listing.GetProperty("departure").GetDateTimeOffset());
        Assert.Equal(booked.Journey.Departure, listing.GetProperty("scheduledDeparture").GetDateTimeOffset());
        var audit = Assert.Single(TripEvents(tripId), e => e.Kind == "trip.delayed");
        Assert.Equal(ops.Id, audit.Actor);
    }

    [Fact]
    public async Task DelayTrip_EarlierThanNow_Is400()
    {
        var ops = Ops();
        var tripId = await TripAsync(9);
        var before = await Grains.GetGrain<ITripGrain>(tripId).GetDefinitionAsync();

        var response = await ops.Client.PostAsJsonAsync($"/api/admin/trips/{tripId}/delay",
            new { departure = before!.Departure.AddMinutes(-10), reason = "Fog" }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal(before.Departure, (await Grains.GetGrain<ITripGrain>(tripId).GetDefinitionAsync())!.Departure);
    }

    [Fact]
    public async Task ChangeCoach_RefusedNamingTheSoldSeatsWhenTheyWouldVanish_AcceptedWhenEverySeatExists()
    {
        var ops = Ops();
        var tripId = await TripAsync(10, 1);
        await CashSaleAsync(tripId, "C1");
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await PutLayoutAsync(ops, $"tripops-small-{suffix}", rows: 2);
        await PutLayoutAsync(ops, $"tripops-big-{suffix}", rows: 9);
        await PutCoachAsync(ops, $"tripops-small-{suffix}", $"tripops-small-{suffix}", "Dhaka Metro Ba-77-0001");
        await PutCoachAsync(ops, $"tripops-big-{suffix}", $"tripops-big-{suffix}", "Dhaka Metro Ba-77-0002");
        var before = await ops.Client.GetStringAsync($"/api/trips/{tripId}", Ct);

        var refused = await ops.Client.PutAsJsonAsync($"/api/admin/trips/{tripId}/coach", new { coachId = $"tripops-small-{suffix}", reason = "Breakdown" }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "coach-incompatible");
        Assert.Equal(["C1"], problem.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(before, await ops.Client.GetStringAsync($"/api/trips/{tripId}", Ct));

        var accepted = await ops.Client.PutAsJsonAsync($"/api/admin/trips/{tripId}/coach", new { coachId = $"tripops-big-{suffix}", reason = "Breakdown" }, Ct);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var trip = await ops.Client.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}", Ct);
        Assert.Equal("Dhaka Metro Ba-77-0002", trip.GetProperty("coachRegistration").GetString());
        var map = await ops.Client.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}/seats?from={Gabtoli}&to={Rajshahi}", Ct);
        Assert.Equal("sold", map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "C1").GetProperty("state").GetString());
        var audit = Assert.Single(TripEvents(tripId), e => e.Kind == "trip.coach-changed");
        Assert.Equal(ops.Id, audit.Actor);
    }

    [Fact]
    public async Task TripActions_AreOpsOnly()
    {
        var tripId = await TripAsync(9, 1);
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Gabtoli));
        using var anonymous = app.NewVisitor();

        var byClerk = await clerk.PostAsJsonAsync($"/api/admin/trips/{tripId}/cancel", new { reason = "Flood" }, Ct);
        var byAnonymous = await anonymous.PostAsJsonAsync($"/api/admin/trips/{tripId}/delay",
            new { departure = DateTimeOffset.UtcNow.AddDays(10), reason = "Fog" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byAnonymous.StatusCode);
        Assert.Null(await Grains.GetGrain<ITripGrain>(tripId).GetCancellationAsync());
    }

    private static async Task PutLayoutAsync(OpsUser ops, string code, int rows)
    {
        var seats = Enumerable.Range(0, rows).SelectMany(r => Enumerable.Range(0, 4)
            .Select(c => new { label = $"{(char)('A' + r)}{c + 1}", row = r, column = c })).ToArray();
        var response = await ops.Client.PutAsJsonAsync($"/api/admin/layouts/{code}", new
        {
            name = code, rows, columns = 4, aisleAfterColumn = 1, driverSide = "Right", doorSide = "Left", doorRow = 0, seats,
        }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task PutCoachAsync(OpsUser ops, string coachId, string layoutCode, string registration)
    {
        var response = await ops.Client.PutAsJsonAsync($"/api/admin/coaches/{coachId}",
            new { registration, @class = "AcEconomy", layoutCode, make = "Hino" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
