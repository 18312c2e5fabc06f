using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.LadiesSeats;

/// <summary>
/// Ladies seats (row A of the demo coaches) before they open to all: refused to men online and at the counter with
/// nothing held or sold beyond what was; sold seats show their passenger's gender in the seat map and the hub deltas.
/// </summary>
[Collection(LadiesSeatAppCollection.Name)]
public sealed class LadiesSeatApiTests(LadiesSeatAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> TripAsync(HttpClient client, int day, int index = 0) => (await KolkataTripsAsync(client, day))[index].TripId;

    private HttpClient Clerk() => app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));

    private static Task<HttpResponseMessage> CounterSellAsync(HttpClient clerk, string tripId, params (string Seat, string Gender)[] passengers) =>
        clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = passengers.Select(p => p.Seat).ToArray(), from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(),
            passengers = passengers.Select(p => Passenger("Counter Passenger", "01812345678", p.Gender)).ToArray(),
        }, Ct);

    private static async Task<JsonElement> SeatAsync(HttpClient client, string tripId, string seat)
    {
        var map = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Jashore}", Ct)).RootElement;
        return map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == seat);
    }

    private static string? GenderOf(JsonElement seat) =>
        seat.TryGetProperty("gender", out var gender) && gender.ValueKind == JsonValueKind.String ? gender.GetString() : null;

    private static async Task AssertLadiesSeatProblemAsync(HttpResponseMessage response, string seat)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Json(response);
        Assert.Equal("ladies-seat", problem.GetProperty("code").GetString());
        Assert.Equal([seat], problem.GetProperty("seats").EnumerateArray().Select(s => s.GetString()!));
        Assert.Contains(seat, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Layout_MarksTheFrontRowAsLadiesSeats()
    {
        using var visitor = app.NewVisitor();
        var trip = JsonDocument.Parse(await visitor.GetStringAsync($"/api/trips/{await TripAsync(visitor, 2)}", Ct)).RootElement;

        var seats = trip.GetProperty("layout").GetProperty("seats").EnumerateArray().ToList();
        Assert.All(seats.Where(s => s.GetProperty("label").GetString()!.StartsWith('A')), s => Assert.True(s.GetProperty("ladies").GetBoolean()));
        Assert.All(seats.Where(s => !s.GetProperty("label").GetString()!.StartsWith('A')), s => Assert.False(s.GetProperty("ladies").GetBoolean()));
    }

    [Fact]
    public async Task LayoutEditor_SavesWhichSeatsAreLadiesSeats()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));

        (await ops.PutAsJsonAsync("/api/admin/layouts/LDS-2+2-8", new
        {
            name = "Ladies test 2+2 (8 seats)", rows = 2, columns = 4, aisleAfterColumn = 1, driverSide = "Right", doorSide = "Left", doorRow = 0,
            seats = Enumerable.Range(0, 8).Select(i => new { label = $"{(char)('A' + i / 4)}{i % 4 + 1}", row = i / 4, column = i % 4, ladies = i is 1 or 2 }),
        }, Ct)).EnsureSuccessStatusCode();

        var network = JsonDocument.Parse(await ops.GetStringAsync("/api/admin/network", Ct)).RootElement;
        var layout = network.GetProperty("layouts").EnumerateArray().Single(l => l.GetProperty("code").GetString() == "LDS-2+2-8");
        Assert.Equal(["A2", "A3"], layout.GetProperty("seats").EnumerateArray()
            .Where(s => s.GetProperty("ladies").GetBoolean()).Select(s => s.GetProperty("label").GetString()!));
    }

    [Fact]
    public async Task OnlineBooking_MalePassengerOnLadiesSeat_Is409LadiesSeat_TheHoldStaysAndNothingIsSold()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 2);
        var holdId = await HoldAsync(alice, tripId, "A1", "B1");

        var response = await PostBookingAsync(alice, holdId, Passenger("Rahim", gender: "male"), Passenger("Karima", gender: "female"));

        await AssertLadiesSeatProblemAsync(response, "A1");
        Assert.Equal("held", (await SeatAsync(alice, tripId, "A1")).GetProperty("state").GetString());
        Assert.Equal("held", (await SeatAsync(alice, tripId, "B1")).GetProperty("state").GetString());
        Assert.Empty((await Json(await alice.GetAsync("/api/bookings/mine", Ct))).EnumerateArray());
    }

    [Fact]
    public async Task OnlineBooking_FemalePassengerOnLadiesSeat_IsSold_AndTheMapShowsHerGenderOnly()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 2);
        var holdId = await HoldAsync(alice, tripId, "A2", "B2");

        var response = await PostBookingAsync(alice, holdId, Passenger("Karima Begum", gender: "female"), Passenger("Rahim Uddin", gender: "male"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pnr = (await Json(response)).GetProperty("pnr").GetString();
        (await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct)).EnsureSuccessStatusCode();

        using var stranger = app.NewVisitor();
        var a2 = await SeatAsync(stranger, tripId, "A2");
        Assert.Equal("sold", a2.GetProperty("state").GetString());
        Assert.Equal("female", GenderOf(a2));
        Assert.Equal("male", GenderOf(await SeatAsync(stranger, tripId, "B2")));
        Assert.Null(GenderOf(await SeatAsync(stranger, tripId, "C2")));
        // Gender, never a name.
        Assert.DoesNotContain("Karima", await stranger.GetStringAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Jashore}", Ct));
    }

    [Fact]
    public async Task CounterSale_MalePassengerOnLadiesSeat_Is409LadiesSeat_AndNothingIsSold()
    {
        using var clerk = Clerk();
        var tripId = await TripAsync(clerk, 3);

        var response = await CounterSellAsync(clerk, tripId, ("A3", "male"), ("B3", "female"));

        await AssertLadiesSeatProblemAsync(response, "A3");
        Assert.Equal("free", (await SeatAsync(clerk, tripId, "A3")).GetProperty("state").GetString());
        Assert.Equal("free", (await SeatAsync(clerk, tripId, "B3")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task CounterSale_FemaleOnLadiesSeatAndMaleBesideHer_AreSoldWithTheirGenders()
    {
        using var clerk = Clerk();
        var tripId = await TripAsync(clerk, 3);

        var response = await CounterSellAsync(clerk, tripId, ("A2", "female"), ("B2", "male"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("female", GenderOf(await SeatAsync(clerk, tripId, "A2")));
        Assert.Equal("male", GenderOf(await SeatAsync(clerk, tripId, "B2")));
    }

    [Fact]
    public async Task HubDelta_OfACounterSale_CarriesThePassengersGenderOnTheSoldInterval()
    {
        using var clerk = Clerk();
        var tripId = await TripAsync(clerk, 3, 1);
        var changes = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, "/hubs/trips")).Build();
        connection.On<JsonElement>("seatsChanged", e => changes.Writer.TryWrite(e));
        await connection.StartAsync(Ct);
        await using var _ = connection;
        var snapshot = await connection.InvokeAsync<JsonElement>("Watch", tripId, Dhaka, Kolkata, Ct);
        Assert.Null(GenderOf(snapshot.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "A1")));

        (await CounterSellAsync(clerk, tripId, ("A1", "female"))).EnsureSuccessStatusCode();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var change = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal(snapshot.GetProperty("version").GetInt64() + 1, change.GetProperty("version").GetInt64());
        var timeline = change.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("seat").GetString() == "A1").ToList();
        var sold = Assert.Single(timeline, c => c.GetProperty("state").GetString() == "sold");
        Assert.Equal(Dhaka, sold.GetProperty("from").GetString());
        Assert.Equal(Jashore, sold.GetProperty("to").GetString());
        Assert.Equal("female", GenderOf(sold));
        Assert.All(timeline.Where(c => c.GetProperty("state").GetString() != "sold"), c => Assert.Null(GenderOf(c)));
        // A new viewer's snapshot agrees with the delta.
        var again = await connection.InvokeAsync<JsonElement>("Watch", tripId, Dhaka, Jashore, Ct);
        Assert.Equal("female", GenderOf(again.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "A1")));
    }
    [Fact]
    public async Task HubDelta_AfterAGenderCorrection_CarriesTheCorrectedGender()
    {
        using var clerk = Clerk();
        var tripId = await TripAsync(clerk, 5, 1);
        var sale = await CounterSellAsync(clerk, tripId, ("G3", "male"));
        sale.EnsureSuccessStatusCode();
        var pnr = (await Json(sale)).GetProperty("pnr").GetString()!;
        var changes = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, "/hubs/trips")).Build();
        connection.On<JsonElement>("seatsChanged", e => changes.Writer.TryWrite(e));
        await connection.StartAsync(Ct);
        await using var _ = connection;
        var snapshot = await connection.InvokeAsync<JsonElement>("Watch", tripId, Dhaka, Jashore, Ct);
        Assert.Equal("male", GenderOf(snapshot.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "G3")));

        var corrected = await clerk.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/G3", Passenger("Counter Passenger", "01812345678", "female"), Ct);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var change = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal(snapshot.GetProperty("version").GetInt64() + 1, change.GetProperty("version").GetInt64());
        var sold = Assert.Single(change.GetProperty("changes").EnumerateArray(),
            c => c.GetProperty("seat").GetString() == "G3" && c.GetProperty("state").GetString() == "sold");
        Assert.Equal("female", GenderOf(sold));
        Assert.Equal("female", GenderOf(await SeatAsync(clerk, tripId, "G3")));
    }
}
