using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using DiuParibahan.Grains.Catalog;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>
/// <c>POST /api/bookings/{pnr}/resend</c>: the owner and clerks/ops get the ticket SMS again through the outbox, each
/// resend a new message in the booking's language; three a Dhaka day, then 429 with Retry-After; strangers get 404 and
/// unpaid bookings 409. The day boundary itself is tested on the grain with a fake clock (TicketResendGrainTests).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class TicketResendApiTests(WebAppFixture app)
{
    private const string Sayedabad = "dhaka-sayedabad";
    private const string Sylhet = "sylhet-kadamtali";

    // The Dhaka–Sylhet trips 9 days ahead, which no other test class of this app books; each test takes its own seat.
    private static async Task<string> TripAsync(HttpClient client)
    {
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(9));
        return (await client.GetFromJsonAsync<JsonElement>($"/api/trips?from={Sayedabad}&to={Sylhet}&date={day}", Ct))[0].GetProperty("tripId").GetString()!;
    }

    private static async Task<string> HoldAsync(HttpClient client, string tripId, string seat)
    {
        var held = await client.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats = new[] { seat }, from = Sayedabad, to = Sylhet, requestId = Guid.NewGuid().ToString() }, Ct);
        held.EnsureSuccessStatusCode();
        return (await Json(held)).GetProperty("holdId").GetString()!;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Owner, string Pnr)> PaidBookingAsync(string seat, string? language = null)
    {
        var owner = await app.NewPassengerAsync();
        var holdId = await HoldAsync(owner, await TripAsync(owner), seat);
        var created = await owner.PostAsJsonAsync("/api/bookings",
            new { holdId, passengers = new[] { Passenger() }, contact = new { phone = "01712345678", email = "rahim@example.com" }, language }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pnr = (await Json(created)).GetProperty("pnr").GetString()!;
        var paid = await owner.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct);
        Assert.Equal("Confirmed", (await Json(paid)).GetProperty("status").GetString());
        return (owner, pnr);
    }

    private async Task<IReadOnlyList<OutboxMessage>> ResentAsync(string pnr)
    {
        var (messages, _) = await app.Services.GetRequiredService<OutboxStore>().ListAsync(null, pnr, 0, Ct);
        return messages.Where(m => m.Kind == "booking.ticket-resent").OrderBy(m => m.Id).ToList();
    }

    [Fact]
    public async Task Owner_Resend_PutsANewTicketSmsInTheOutbox_InTheBookingsLanguage_EachTime()
    {
        var (owner, pnr) = await PaidBookingAsync("A1", "bn");
        using var _ = owner;

        var first = await owner.PostAsync($"/api/bookings/{pnr}/resend", null, Ct);
        var second = await owner.PostAsync($"/api/bookings/{pnr}/resend", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var body = await Json(second);
        Assert.Equal(2, body.GetProperty("sentToday").GetInt32());
        Assert.Equal(1, body.GetProperty("remainingToday").GetInt32());
        var resent = await ResentAsync(pnr);
        // SMS only (the contact's e-mail is left out), one per resend, each under its own key so the gateway sends both.
        Assert.Equal(2, resent.Count);
        Assert.All(resent, m => Assert.Equal("sms", m.Channel));
        Assert.All(resent, m => Assert.Equal("+8801712345678", m.Recipient));
        Assert.All(resent, m => Assert.Equal("bn", m.Language));
        Assert.All(resent, m => Assert.Contains(pnr, m.BodyText));
        Assert.Contains("টিকিট", resent[0].BodyText);
        Assert.NotEqual(resent[0].IdempotencyKey, resent[1].IdempotencyKey);
    }

    [Fact]
    public async Task Clerk_MayResendAnyPaidBooking_AndTheResendIsAudited()
    {
        var (owner, pnr) = await PaidBookingAsync("A2");
        using var _ = owner;
        using var clerk = app.WithToken(app.StaffToken("clerk", Dhaka));
        using var ops = app.WithToken(app.StaffToken("ops"));

        var response = await clerk.PostAsync($"/api/bookings/{pnr}/resend", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await ResentAsync(pnr));
        Assert.Equal("en", (await ResentAsync(pnr))[0].Language);
        var audit = (await ops.GetFromJsonAsync<JsonElement>($"/api/admin/audit?target={pnr}", Ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "booking.ticket-resent-by-staff" && e.GetProperty("actorRole").GetString() == "clerk");
    }

    [Fact]
    public async Task Owner_Resend_IsNotAudited()
    {
        var (owner, pnr) = await PaidBookingAsync("A3");
        using var _ = owner;
        using var ops = app.WithToken(app.StaffToken("ops"));

        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsync($"/api/bookings/{pnr}/resend", null, Ct)).StatusCode);

        var audit = (await ops.GetFromJsonAsync<JsonElement>($"/api/admin/audit?target={pnr}", Ct)).GetProperty("items");
        Assert.Equal(0, audit.GetArrayLength());
    }

    [Fact]
    public async Task Strangers_TokenHolders_Supervisors_AndUnknownPnrs_GetNotFound_AndNothingIsSent()
    {
        var (owner, pnr) = await PaidBookingAsync("B1");
        using var _ = owner;
        var token = (await owner.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}", Ct)).GetProperty("bookingToken").GetString();
        using var stranger = await app.NewPassengerAsync();
        using var anonymous = app.NewVisitor();
        using var supervisor = app.WithToken(app.StaffToken("supervisor"));

        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/bookings/{pnr}/resend", null, Ct), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsync($"/api/bookings/{pnr}/resend?token={token}", null, Ct),
            HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsync($"/api/bookings/{pnr}/resend", null, Ct), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync("/api/bookings/DP-ZZZZZZ/resend", null, Ct), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync("/api/bookings/not-a-pnr/resend", null, Ct), HttpStatusCode.NotFound, "booking-not-found");
        Assert.Empty(await ResentAsync(pnr));
    }

    [Fact]
    public async Task UnpaidBooking_IsRefusedWithTicketNotIssued()
    {
        using var owner = await app.NewPassengerAsync();
        var booked = await PostBookingAsync(owner, await HoldAsync(owner, await TripAsync(owner), "B2"), Passenger());
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var pnr = (await Json(booked)).GetProperty("pnr").GetString()!;

        await ProblemAssert.IsProblemAsync(await owner.PostAsync($"/api/bookings/{pnr}/resend", null, Ct), HttpStatusCode.Conflict, "ticket-not-issued");

        Assert.Empty(await ResentAsync(pnr));
    }

    [Fact]
    public async Task FourthResendOfTheDay_Is429WithRetryAfterUntilDhakaMidnight_AndSendsNothing()
    {
        var (owner, pnr) = await PaidBookingAsync("B3");
        using var _ = owner;
        using var clerk = app.WithToken(app.StaffToken("clerk", Dhaka));
        for (var i = 0; i < 3; i++)
        {
            // Owner and clerk draw on the same per-booking allowance.
            var sender = i == 1 ? clerk : owner;
            Assert.Equal(HttpStatusCode.Accepted, (await sender.PostAsync($"/api/bookings/{pnr}/resend", null, Ct)).StatusCode);
        }

        var refused = await owner.PostAsync($"/api/bookings/{pnr}/resend", null, Ct);

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "resend-limit-reached");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var until = problem.GetProperty("until").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, until.ToOffset(TimeSpan.FromHours(6)).TimeOfDay);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.Zero, TimeSpan.FromDays(1));
        Assert.InRange(retryAfter, 1, 86_400);
        Assert.InRange(Math.Abs((until - DateTimeOffset.UtcNow).TotalSeconds - retryAfter), 0, 120);
        Assert.Equal(3, (await ResentAsync(pnr)).Count);
    }
}
