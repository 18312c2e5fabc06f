using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>Ops cancels a trip on /ops/trip.html: confirm, refund progress, and a passenger's open seat map flips to cancelled.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OpsTripCancelBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    [Fact]
    public async Task OpsCancelsATripWithAReason_SeesEveryRefundSettled_AndAnOpenPassengerPageShowsCancelled()
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, "dhaka-gabtoli"));
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(4));
        var tripId = JsonDocument.Parse(await clerk.GetStringAsync($"/api/trips?from=dhaka-gabtoli&to=rajshahi&date={day}"))
            .RootElement[0].GetProperty("tripId").GetString()!;
        (await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { "B2" }, from = "dhaka-gabtoli", to = "rajshahi", requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Karim Mia", "01812345678") },
        })).EnsureSuccessStatusCode();

        var watching = await (await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() })).NewPageAsync();
        await watching.GotoAsync($"/trip.html?trip={tripId}&from=dhaka-gabtoli&to=rajshahi");
        await Expect(watching.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var token = app.StaffToken(Roles.Ops);
        var access = JsonSerializer.Serialize(new { token, expiresAt = DateTimeOffset.UtcNow.AddMinutes(14) });
        var user = JsonSerializer.Serialize(new { id = "ops-1", name = "Ops", role = Roles.Ops, counterId = (string?)null, login = "ops@example.com" });
        await context.AddInitScriptAsync(
            $"sessionStorage.setItem('dp.access', {JsonSerializer.Serialize(access)}); localStorage.setItem('dp.user', {JsonSerializer.Serialize(user)});");
        var ops = await context.NewPageAsync();
        await ops.GotoAsync($"/ops/trip.html?trip={tripId}");
        await Expect(ops.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        await ops.Locator("#cancel-submit").ClickAsync();
        await Expect(ops.Locator("#cancel-reason-error")).ToBeVisibleAsync();
        await ops.Locator("#cancel-reason").FillAsync("Road closed by flood");
        await ops.Locator("#cancel-submit").ClickAsync();
        await ops.Locator("#confirm-dialog [data-confirm-ok]").ClickAsync();

        await Expect(ops.Locator("#cancel-progress")).ToContainTextAsync("1 booking refunded");
        await Expect(ops.Locator("#cancel-progress")).ToContainTextAsync("Road closed by flood");
        await Expect(ops.Locator("#cancel-finish")).ToBeHiddenAsync();
        await Expect(ops.Locator("#trip-notice")).ToBeVisibleAsync();
        await Expect(ops.Locator("#delay-form button[type=submit]")).ToBeDisabledAsync();
        await Expect(watching.Locator("#trip-notice")).ToBeVisibleAsync();
        await Expect(watching.Locator("[data-seat='B2']")).ToHaveAttributeAsync("data-state", "free");
    }
}
