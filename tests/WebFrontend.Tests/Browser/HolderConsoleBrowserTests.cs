using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The ops hoarding page in Chromium: a hoarder shows up live, and ops release and block them from the list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HolderConsoleBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private const string Sayedabad = "dhaka-sayedabad";
    private const string Barishal = "barishal";
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A hold for the phone, extended for payment so it outlives this app's few-second online holds.</summary>
    private async Task HoldAsync(string tripId, string phone, params string[] seats)
    {
        var trip = Grains.GetGrain<ITripGrain>(tripId);
        var held = await trip.HoldAsync(new HoldSeats($"passenger-{Guid.NewGuid():N}", seats, Sayedabad, Barishal,
            Guid.NewGuid().ToString("N"), SalesChannel.Online, phone));
        Assert.Null(held.Failure);
        Assert.Null((await trip.ExtendHoldAsync(held.Hold!.HoldId, DateTimeOffset.UtcNow.AddMinutes(10))).Failure);
    }

    [Fact]
    public async Task Hoarder_ShowsUpLive_AndOpsReleaseAndBlockThemFromTheList()
    {
        var phone = "+88018" + Random.Shared.Next(10_000_000, 99_999_999);
        using var visitor = app.NewVisitor();
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(12));
        var tripId = JsonDocument.Parse(await visitor.GetStringAsync($"/api/trips?from={Sayedabad}&to={Barishal}&date={day}"))
            .RootElement[0].GetProperty("tripId").GetString()!;
        var token = app.StaffToken(Roles.Ops);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        await context.AddInitScriptAsync($$"""
            sessionStorage.setItem("dp.access", JSON.stringify({ token: "{{token}}", expiresAt: new Date(Date.now() + 600000).toISOString() }));
            localStorage.setItem("dp.user", JSON.stringify({ id: "ops", name: "Operations", role: "ops", counterId: null, login: "ops@example.com" }));
            """);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/ops/holders.html");
        await Expect(page.Locator("#ops-nav a[href='/ops/holders.html']")).ToHaveAttributeAsync("aria-current", "page");

        // The page is already open: the hoarder appears on its own.
        await HoldAsync(tripId, phone, "F1", "F2");
        await HoldAsync(tripId, phone, "F3", "F4");
        var row = page.Locator("#holders-rows tr", new() { HasText = phone });
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("4", new() { Timeout = 30_000 });

        await row.GetByRole(AriaRole.Button, new() { Name = $"Release every hold of {phone}" }).ClickAsync();
        await page.Locator("#confirm-dialog [data-confirm-ok]").ClickAsync();

        await Expect(page.Locator("#toasts")).ToContainTextAsync("Released 2 hold(s), 4 seat(s)", Slow);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("0", new() { Timeout = 30_000 });
        var map = JsonDocument.Parse(await visitor.GetStringAsync($"/api/trips/{tripId}/seats?from={Sayedabad}&to={Barishal}")).RootElement;
        Assert.All(map.GetProperty("seats").EnumerateArray().Where(s => s.GetProperty("seat").GetString()!.StartsWith('F')),
            s => Assert.Equal("Free", s.GetProperty("state").GetString(), ignoreCase: true));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Block new holds of {phone}" }).ClickAsync();
        await page.Locator("#block-reason").FillAsync("Scripted holds on Eid");
        await page.Locator("#block-form [type=submit]").ClickAsync();

        await Expect(row).ToContainTextAsync("Blocked until", Slow);
        await Expect(row).ToContainTextAsync("Scripted holds on Eid");
        var refused = await Grains.GetGrain<ITripGrain>(tripId).HoldAsync(new HoldSeats("passenger-x", ["F1"], Sayedabad, Barishal,
            Guid.NewGuid().ToString("N"), SalesChannel.Online, phone));
        Assert.Equal(TripErrorCode.PhoneBlocked, refused.Failure!.Code);
    }
}
