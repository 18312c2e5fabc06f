using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>Ops delay a trip and put another coach on it: the passenger's e-ticket, print and SMS all say so.</summary>
[Collection(PageSweepCollection.Name)]
public sealed class TicketNoticeBrowserTests(BrowserFixture browser, SweepWebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DelayAndCoachChange_ShowOnTheETicketWithOldAndNewValues_ReachThePrint_AndSendAnSms()
    {
        using var visitor = app.NewVisitor();
        var trip = (await KolkataTripsAsync(visitor, 5))[0];
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var sale = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId = trip.TripId, seats = new[] { "B2" }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Rahima Begum", "01712345678") },
        }, Ct);
        sale.EnsureSuccessStatusCode();
        var sold = await Json(sale);
        var pnr = sold.GetProperty("pnr").GetString()!;
        var token = sold.GetProperty("bookingToken").GetString()!;
        var oldCoach = sold.GetProperty("coachRegistration").GetString()!;
        var oldDeparture = sold.GetProperty("departure").GetDateTimeOffset();
        var newDeparture = oldDeparture.AddMinutes(90);

        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var detail = await ops.GetFromJsonAsync<JsonElement>($"/api/trips/{trip.TripId}", Ct);
        const string newCoach = "Dhaka Metro Ba-99-4242";
        var coachId = $"sweep-{Guid.NewGuid():N}"[..14];
        (await ops.PutAsJsonAsync($"/api/admin/coaches/{coachId}", new
        {
            registration = newCoach, @class = detail.GetProperty("coachClass").GetString(),
            layoutCode = detail.GetProperty("layout").GetProperty("code").GetString(), make = "Hino",
        }, Ct)).EnsureSuccessStatusCode();
        (await ops.PostAsJsonAsync($"/api/admin/trips/{trip.TripId}/delay", new { departure = newDeparture, reason = "Fog on the highway" }, Ct))
            .EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync($"/api/admin/trips/{trip.TripId}/coach", new { coachId, reason = "Breakdown" }, Ct)).EnsureSuccessStatusCode();

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var tokens = JsonSerializer.Serialize(new Dictionary<string, string> { [pnr] = token });
        await context.AddInitScriptAsync($"localStorage.setItem('dp.lang', 'en'); localStorage.setItem('dp.bookingTokens', {JsonSerializer.Serialize(tokens)});");
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/ticket.html?pnr={pnr}");

        await Expect(page.Locator("#delay-notice")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var times = await page.Locator("#delay-notice time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        Assert.Equal([oldDeparture, newDeparture], times.Select(DateTimeOffset.Parse));
        await Expect(page.Locator("#coach-notice")).ToContainTextAsync(oldCoach);
        await Expect(page.Locator("#coach-notice")).ToContainTextAsync(newCoach);
        await Expect(page.Locator("#ticket-coach")).ToContainTextAsync(newCoach);
        await Expect(page.Locator("#ticket-history")).ToContainTextAsync("Coach changed by the operator");
        await Expect(page.Locator("#ticket-history")).Not.ToContainTextAsync("booking.");

        var print = await visitor.GetStringAsync($"/api/bookings/{pnr}/ticket?token={Uri.EscapeDataString(token)}", Ct);
        Assert.Contains(newCoach, print, StringComparison.Ordinal);
        Assert.DoesNotContain(oldCoach, print, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", print, StringComparison.Ordinal);
        Assert.Contains("/js/print-ticket.js", print, StringComparison.Ordinal);

        var outbox = await ops.GetFromJsonAsync<JsonElement>($"/api/admin/outbox?pnr={pnr}", Ct);
        Assert.Contains(outbox.GetProperty("messages").EnumerateArray(),
            m => m.GetProperty("kind").GetString() == "booking.coach-changed" && m.GetProperty("channel").GetString() == "sms");
    }
}
