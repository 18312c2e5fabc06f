using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Counter;

/// <summary>Cash sales at the counter over HTTP: who may sell, idempotency, conflicts, the day summary, cancelling.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CounterSaleApiTests(WebAppFixture app)
{
    // Day 1 is not used by the other tests of this app; each test here takes its own seats.
    private const int Day = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Clerk(out string token)
    {
        token = app.StaffToken(Roles.Clerk, Dhaka);
        return app.WithToken(token);
    }

    private static async Task<string> TripAsync(HttpClient client) => (await KolkataTripsAsync(client, Day))[0].TripId;

    // Tomorrow's last departure is at least 12 hours away whenever the test runs, so cancelling it refunds something.
    private static async Task<string> LateTripAsync(HttpClient client) => (await KolkataTripsAsync(client, Day))[^1].TripId;

    private static Task<HttpResponseMessage> SellAsync(HttpClient clerk, string tripId, string requestId, string from, string to, params string[] seats) =>
        clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats, from, to, requestId,
            passengers = seats.Select(_ => Passenger("Karim Mia", "01812345678")).ToArray(),
        }, Ct);

    [Fact]
    public async Task Sell_ByClerk_IsAConfirmedCashCounterBooking_AndTheSeatIsSoldForOnlineViewers()
    {
        using var clerk = Clerk(out _);
        using var visitor = await app.NewPassengerAsync();
        var tripId = await TripAsync(clerk);

        var response = await SellAsync(clerk, tripId, Guid.NewGuid().ToString(), Dhaka, Kolkata, "a1", "A2");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await Json(response);
        Assert.Equal("Confirmed", booking.GetProperty("status").GetString());
        Assert.Equal("Counter", booking.GetProperty("channel").GetString());
        Assert.Equal("cash", booking.GetProperty("payment").GetProperty("provider").GetString());
        Assert.Equal("Succeeded", booking.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal(["A1", "A2"], booking.GetProperty("seats").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal("+8801812345678", booking.GetProperty("passengers")[0].GetProperty("phone").GetString());
        Assert.True(booking.GetProperty("fare").GetProperty("total").GetInt32() > 0);
        var map = JsonDocument.Parse(await visitor.GetStringAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Kolkata}", Ct)).RootElement;
        var a1 = map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "A1");
        Assert.Equal("sold", a1.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Sell_RetriedWithTheSameRequestId_ReturnsTheSameBooking_AndSellsOnce()
    {
        using var clerk = Clerk(out _);
        var tripId = await TripAsync(clerk);
        var requestId = Guid.NewGuid().ToString();

        var first = await Json(await SellAsync(clerk, tripId, requestId, Dhaka, Kolkata, "B1"));
        var retry = await SellAsync(clerk, tripId, requestId, Dhaka, Kolkata, "B1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.GetProperty("pnr").GetString(), (await Json(retry)).GetProperty("pnr").GetString());
        var summary = await Json(await clerk.GetAsync("/api/counter/summary", Ct));
        Assert.Equal(1, summary.GetProperty("tickets").GetInt32());
    }

    [Fact]
    public async Task Sell_WithoutAClerkToken_Is401_OrWithAnotherRole_Is403_AndSellsNothing()
    {
        using var anonymous = app.NewVisitor();
        using var passenger = app.WithToken((await app.RegisterAsync()).AccessToken);
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        using var clerkWithoutCounter = app.WithToken(app.StaffToken(Roles.Clerk));
        var tripId = await TripAsync(anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SellAsync(anonymous, tripId, "r1", Dhaka, Kolkata, "B2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SellAsync(passenger, tripId, "r2", Dhaka, Kolkata, "B2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SellAsync(ops, tripId, "r3", Dhaka, Kolkata, "B2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SellAsync(clerkWithoutCounter, tripId, "r4", Dhaka, Kolkata, "B2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passenger.GetAsync("/api/counter/summary", Ct)).StatusCode);
        Assert.Equal("free", await SeatStateAsync(anonymous, tripId, "B2"));
    }

    [Fact]
    public async Task Sell_ASeatHeldOnline_Is409SeatsUnavailable_WithTheConflicts()
    {
        using var clerk = Clerk(out _);
        using var visitor = await app.NewPassengerAsync();
        var tripId = await TripAsync(clerk);
        await HoldAsync(visitor, tripId, "C1");

        var response = await SellAsync(clerk, tripId, Guid.NewGuid().ToString(), Dhaka, Kolkata, "C1", "C2");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "seats-unavailable");
        Assert.Equal(["C1"], problem.GetProperty("conflicts").EnumerateArray().Select(s => s.GetString()!));
        Assert.Equal("free", await SeatStateAsync(visitor, tripId, "C2"));
    }

    [Fact]
    public async Task Sell_WithABadPhone_Is400_AndTakesNoSeat()
    {
        using var clerk = Clerk(out _);
        var tripId = await TripAsync(clerk);

        var response = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { "C3" }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Karim Mia", "12345") },
        }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-passenger");
        Assert.Equal("free", await SeatStateAsync(clerk, tripId, "C3"));
    }

    [Fact]
    public async Task Summary_CountsOnlyTheSignedInClerksSales_OfThatDay()
    {
        using var clerk = Clerk(out _);
        using var other = Clerk(out _);
        var tripId = await TripAsync(clerk);
        var one = await Json(await SellAsync(clerk, tripId, Guid.NewGuid().ToString(), Dhaka, Jashore, "D1", "D2"));
        var two = await Json(await SellAsync(clerk, tripId, Guid.NewGuid().ToString(), Dhaka, Kolkata, "D3"));
        await SellAsync(other, tripId, Guid.NewGuid().ToString(), Dhaka, Kolkata, "D4");

        var today = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow));
        var summary = await Json(await clerk.GetAsync($"/api/counter/summary?date={today}", Ct));

        Assert.Equal(Dhaka, summary.GetProperty("counter").GetString());
        Assert.Equal(2, summary.GetProperty("tickets").GetInt32());
        Assert.Equal(3, summary.GetProperty("seats").GetInt32());
        Assert.Equal(one.GetProperty("fare").GetProperty("total").GetInt32() + two.GetProperty("fare").GetProperty("total").GetInt32(),
            summary.GetProperty("cash").GetDecimal());
        Assert.Equal([one.GetProperty("pnr").GetString(), two.GetProperty("pnr").GetString()],
            summary.GetProperty("sales").EnumerateArray().Select(s => s.GetProperty("pnr").GetString()));
        var yesterday = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(-1));
        Assert.Equal(0, (await Json(await clerk.GetAsync($"/api/counter/summary?date={yesterday}", Ct))).GetProperty("tickets").GetInt32());
        await ProblemAssert.IsProblemAsync(await clerk.GetAsync("/api/counter/summary?date=27-11-2026", Ct), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Cancel_ByAClerk_RefundsCashPerPolicy_FreesTheSeat_AndTheSummaryKeepsOnlyTheFee()
    {
        using var clerk = Clerk(out _);
        using var colleague = Clerk(out _);
        var tripId = await LateTripAsync(clerk);
        var sale = await Json(await SellAsync(clerk, tripId, Guid.NewGuid().ToString(), Dhaka, Kolkata, "E1"));
        var pnr = sale.GetProperty("pnr").GetString();
        var total = sale.GetProperty("fare").GetProperty("total").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/api/bookings/{pnr}", Ct)).StatusCode);
        var ticket = await colleague.GetAsync($"/api/bookings/{pnr}/ticket", Ct);
        Assert.Equal(HttpStatusCode.OK, ticket.StatusCode);
        var quote = await Json(await colleague.GetAsync($"/api/bookings/{pnr}/cancellation", Ct));
        var cancelled = await Json(await colleague.PostAsync($"/api/bookings/{pnr}/cancel", null, Ct));

        Assert.Equal("Refunded", cancelled.GetProperty("status").GetString());
        Assert.Equal(quote.GetProperty("refundAmount").GetDecimal(), cancelled.GetProperty("refund").GetProperty("amount").GetDecimal());
        Assert.True(cancelled.GetProperty("refund").GetProperty("amount").GetDecimal() > 0);
        Assert.Equal("free", await SeatStateAsync(clerk, tripId, "E1"));
        var summary = await Json(await clerk.GetAsync("/api/counter/summary", Ct));
        Assert.Equal(0, summary.GetProperty("tickets").GetInt32());
        Assert.Equal(total - quote.GetProperty("refundAmount").GetDecimal(), summary.GetProperty("cash").GetDecimal());
    }
}
