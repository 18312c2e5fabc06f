using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.Notifications;

/// <summary>
/// Notifications in embedded mode (no SMTP server or SMS gateway configured): a booking confirmed through the
/// simulated payment puts its confirmation in the outbox, recorded rather than sent, and registers its departure
/// reminders; ops read the outbox over the API. Uses the Dhaka–Sylhet corridor.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class OutboxApiTests(WebAppFixture app)
{
    private const string Sayedabad = "dhaka-sayedabad";
    private const string Sylhet = "sylhet-kadamtali";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ops() => app.WithToken(app.StaffToken("ops"));

    private static async Task<string> SylhetTripAsync(HttpClient client, int daysAhead)
    {
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead));
        var trips = await client.GetFromJsonAsync<JsonElement>($"/api/trips?from={Sayedabad}&to={Sylhet}&date={day}", Ct);
        return trips[0].GetProperty("tripId").GetString()!;
    }

    /// <summary>Books one seat Dhaka–Sylhet in Bangla (Accept-Language) and pays through the simulated provider.</summary>
    private async Task<string> ConfirmedBookingAsync(string seat)
    {
        using var visitor = await app.NewPassengerAsync();
        var tripId = await SylhetTripAsync(visitor, 4);
        var held = await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats = new[] { seat }, from = Sayedabad, to = Sylhet, requestId = Guid.NewGuid().ToString() }, Ct);
        held.EnsureSuccessStatusCode();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(new
            {
                holdId = (await Json(held)).GetProperty("holdId").GetString(),
                passengers = new[] { Passenger() },
                contact = new { phone = "01712345678", email = "rahim@example.com" },
            }),
        };
        create.Headers.AcceptLanguage.ParseAdd("bn-BD, bn;q=0.9, en;q=0.5");
        var created = await visitor.SendAsync(create, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var pnr = (await Json(created)).GetProperty("pnr").GetString()!;
        var paid = await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct);
        Assert.Equal("Confirmed", (await Json(paid)).GetProperty("status").GetString());
        return pnr;
    }

    private static async Task<JsonElement> OutboxAsync(HttpClient ops, string query) =>
        await Json(await ops.GetAsync($"/api/admin/outbox?{query}", Ct));

    [Fact]
    public async Task ConfirmedBooking_PutsABanglaConfirmationInTheOutboxAsRecorded_AndRegistersItsReminders()
    {
        var pnr = await ConfirmedBookingAsync("A1");
        using var ops = Ops();

        // The dispatcher runs in the background; without channels it records each message within a poll or two.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement confirmations;
        do
        {
            var page = await OutboxAsync(ops, $"pnr={pnr}");
            confirmations = JsonSerializer.SerializeToElement(page.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("kind").GetString() == "booking.confirmed").ToList());
            if (confirmations.GetArrayLength() == 2 && confirmations.EnumerateArray().All(m => m.GetProperty("status").GetString() == "recorded"))
            {
                break;
            }
            await Task.Delay(200, Ct);
        }
        while (DateTime.UtcNow < deadline);

        var messages = confirmations.EnumerateArray().ToList();
        Assert.Equal(["email", "sms"], messages.Select(m => m.GetProperty("channel").GetString()).Order());
        Assert.All(messages, m =>
        {
            Assert.Equal("recorded", m.GetProperty("status").GetString());
            Assert.Equal("bn", m.GetProperty("language").GetString());
            Assert.Equal(0, m.GetProperty("attempts").GetInt32());
            Assert.Contains("নিশ্চিত", m.GetProperty("text").GetString());
        });
        Assert.Equal("…678", messages.Single(m => m.GetProperty("channel").GetString() == "sms").GetProperty("recipient").GetString());
        Assert.Equal("r…@example.com", messages.Single(m => m.GetProperty("channel").GetString() == "email").GetProperty("recipient").GetString());

        var grainId = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IBookingGrain>(pnr).GetGrainId();
        var reminders = await app.Services.GetRequiredService<IReminderTable>().ReadRows(grainId);
        Assert.Equal(["reminder-24h", "reminder-2h"], reminders.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task OutboxApi_IsOpsOnly()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken("clerk", "kalyanpur"));
        var passenger = await app.RegisterAsync();
        using var passengerClient = app.WithToken(passenger.AccessToken);
        using var ops = Ops();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/outbox", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/outbox", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passengerClient.GetAsync("/api/admin/outbox", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passengerClient.PostAsJsonAsync("/api/admin/outbox/1/retry", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/admin/outbox", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("status=bogus")]
    [InlineData("pnr=not-a-pnr")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    public async Task MalformedFilters_Are400(string query)
    {
        using var ops = Ops();

        await ProblemAssert.IsProblemAsync(await ops.GetAsync($"/api/admin/outbox?{query}", Ct), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task RetryNow_OfAMissingMessageIs404_AndOfARecordedOneIs409()
    {
        var pnr = await ConfirmedBookingAsync("B1");
        using var ops = Ops();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long? recordedId = null;
        while (recordedId is null && DateTime.UtcNow < deadline)
        {
            recordedId = (await OutboxAsync(ops, $"pnr={pnr}&status=recorded")).GetProperty("messages").EnumerateArray()
                .Select(m => (long?)m.GetProperty("id").GetInt64()).FirstOrDefault();
            if (recordedId is null)
            {
                await Task.Delay(200, Ct);
            }
        }
        Assert.NotNull(recordedId);

        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync("/api/admin/outbox/999999999/retry", new { }, Ct),
            HttpStatusCode.NotFound, "outbox-message-not-found");
        await ProblemAssert.IsProblemAsync(await ops.PostAsJsonAsync($"/api/admin/outbox/{recordedId}/retry", new { }, Ct),
            HttpStatusCode.Conflict, "outbox-message-not-retryable");
    }
}
