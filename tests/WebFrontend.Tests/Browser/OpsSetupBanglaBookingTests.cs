using System.Text.Json;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// Issue 10 end to end in Chromium: ops sets up a new coach, route and schedule on the ops pages, then a passenger
/// switches to Bangla and books a seat on the new trip, seeing Bangla text and digits and no untranslated keys.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OpsSetupBanglaBookingTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private const string Gabtoli = "dhaka-gabtoli";
    private const string Rajshahi = "rajshahi";

    // Text nodes that look like "section.key" are dictionary keys that did not resolve.
    private const string RawKeys = """
        () => {
          const raw = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const text = walker.currentNode.textContent.trim();
            const el = walker.currentNode.parentElement;
            if (el && el.closest('[hidden], script, style, template')) continue;
            if (/^[a-z][A-Za-z]*(\.[A-Za-z0-9-]+)+$/.test(text)) raw.push(text);
          }
          for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]'))
            for (const a of ['aria-label', 'title', 'placeholder']) {
              const v = el.getAttribute(a);
              if (v && /^[a-z][A-Za-z]*(\.[A-Za-z0-9-]+)+$/.test(v.trim())) raw.push(v);
            }
          return raw;
        }
        """;

    private async Task<IPage> OpsPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        // Signed in the way auth.js keeps a session: the access token in sessionStorage, the user in localStorage.
        var token = app.StaffToken(Roles.Ops);
        var access = JsonSerializer.Serialize(new { token, expiresAt = DateTimeOffset.UtcNow.AddMinutes(14) });
        var user = JsonSerializer.Serialize(new { id = "ops-1", name = "Ops", role = Roles.Ops, counterId = (string?)null, login = "ops@example.com" });
        await context.AddInitScriptAsync(
            $"sessionStorage.setItem('dp.access', {JsonSerializer.Serialize(access)}); localStorage.setItem('dp.user', {JsonSerializer.Serialize(user)});");
        return await context.NewPageAsync();
    }

    private static async Task SaveAsync(IPage page, string formId)
    {
        await page.Locator($"#{formId} [type=submit]").ClickAsync();
        try
        {
            await Expect(page.Locator($"#{formId}").Locator("xpath=ancestor::dialog")).Not.ToHaveAttributeAsync("open", "");
        }
        catch (PlaywrightException)
        {
            var errors = await page.Locator($"#{formId} .field-error:visible, #{formId} .form-error:visible").AllInnerTextsAsync();
            Assert.Fail($"{formId} was not saved: {string.Join(" | ", errors)}");
        }
    }

    [Fact]
    public async Task OpsSetsUpARouteCoachAndSchedule_ThenAPassengerBooksItInBangla()
    {
        var suffix = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var (coachId, routeId, scheduleId, code) = ($"tripops-coach-{suffix}".ToLowerInvariant(), $"tripops-route-{suffix}".ToLowerInvariant(),
            $"tripops-sched-{suffix}".ToLowerInvariant(), $"TOP-{suffix}");
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(3);
        var ymd = ServiceDay.Key(day);

        var ops = await OpsPageAsync();
        await ops.GotoAsync("/ops/network.html");
        await Expect(ops.Locator("#network-view")).ToBeVisibleAsync();

        await ops.Locator("#tab-coaches").ClickAsync();
        await ops.Locator("[data-add=coach]").ClickAsync();
        await ops.Locator("#coach-registration").FillAsync($"Rajshahi Metro Ba-11-{suffix}");
        await ops.Locator("#coach-class").SelectOptionAsync("NonAc");
        await ops.Locator("#coach-layoutCode").SelectOptionAsync("NAC-2+2-40");
        await ops.Locator("#coach-id").FillAsync(coachId);
        await SaveAsync(ops, "coach-form");

        await ops.Locator("#tab-routes").ClickAsync();
        await ops.Locator("[data-add=route]").ClickAsync();
        await ops.Locator("#route-code").FillAsync(code);
        await ops.Locator("#route-nameEn").FillAsync($"Gabtoli – Rajshahi Express {suffix}");
        await ops.Locator("#route-nameBn").FillAsync("গাবতলী – রাজশাহী এক্সপ্রেস");
        await ops.Locator("select[name=stop-0]").SelectOptionAsync(Gabtoli);
        await ops.Locator("select[name=stop-1]").SelectOptionAsync(Rajshahi);
        await ops.Locator("input[name=offset-1]").FillAsync("330");
        await ops.Locator("[data-fare-class=AcBusiness]").UncheckAsync();
        await ops.Locator("[data-fare-class=AcEconomy]").UncheckAsync();
        await ops.Locator("[data-fare-class=NonAc]").CheckAsync();
        await ops.Locator("input[name=fare-NonAc-0]").FillAsync("650");
        await ops.Locator("#route-id").FillAsync(routeId);
        await SaveAsync(ops, "route-form");

        await ops.Locator("#tab-schedules").ClickAsync();
        await ops.Locator("[data-add=schedule]").ClickAsync();
        await ops.Locator("#schedule-routeId").SelectOptionAsync(routeId);
        await ops.Locator("#schedule-coachId").SelectOptionAsync(coachId);
        await ops.Locator("#schedule-departure").FillAsync("14:10");
        await ops.Locator("#schedule-fromDate").FillAsync(ymd);
        await ops.Locator("#schedule-toDate").FillAsync(ServiceDay.Key(day.AddDays(1)));
        await ops.Locator("#schedule-id").FillAsync(scheduleId);
        await SaveAsync(ops, "schedule-form");
        await Expect(ops.Locator("#schedule-result")).ToContainTextAsync("2");

        var tripId = $"{code}-{day:yyyyMMdd}-1410";
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var passenger = await context.NewPageAsync();
        await passenger.GotoAsync("/");
        await passenger.Locator("#lang-switch").ClickAsync();
        await Expect(passenger.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await passenger.GotoAsync($"/?from={Gabtoli}&to={Rajshahi}&date={ymd}");
        var card = passenger.Locator($"li.trip-result[data-trip-id='{tripId}']");
        await Expect(card).ToContainTextAsync("গাবতলী – রাজশাহী এক্সপ্রেস");
        await Expect(card).ToContainTextAsync("৳ ৬৫০");
        Assert.Empty(await passenger.EvaluateAsync<string[]>(RawKeys));
        await card.Locator("a.btn-primary").ClickAsync();

        await Expect(passenger.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");
        await Expect(passenger.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await Expect(passenger.Locator("#trip-leg")).ToContainTextAsync("রাজশাহী");
        Assert.Empty(await passenger.EvaluateAsync<string[]>(RawKeys));
        await passenger.Locator("[data-seat='C3']").ClickAsync();
        await passenger.Locator("#hold-button").ClickAsync();
        // The in-place code dialog speaks Bangla too.
        await Expect(passenger.Locator("dialog[data-otp-dialog]")).ToBeVisibleAsync();
        Assert.Empty(await passenger.EvaluateAsync<string[]>(RawKeys));
        await BrowserCodeSignIn.InDialogAsync(passenger, AuthClient.NewPhone());
        await Expect(passenger.Locator("[data-seat='C3']")).ToHaveAttributeAsync("data-state", "mine");
        await passenger.Locator("#continue-button").ClickAsync();

        await Expect(passenger.Locator(".passenger-fieldset")).ToHaveCountAsync(1);
        await Expect(passenger.Locator("#summary-total")).ToContainTextAsync("৳ ৬৫০");
        Assert.Empty(await passenger.EvaluateAsync<string[]>(RawKeys));
        await passenger.Locator("#p0-name").FillAsync("রহিমা আক্তার");
        await passenger.Locator("#p0-phone").FillAsync("01712345678");
        await passenger.Locator("#p0-gender-female").CheckAsync();
        await passenger.Locator("#contact-phone").FillAsync("01712345678");
        await passenger.Locator("#pay-method-card").CheckAsync();
        await passenger.Locator("#submit-booking").ClickAsync();
        await Expect(passenger.Locator("#payment-panel")).ToHaveAttributeAsync("data-provider", "simulated");
        await passenger.Locator("#pay-test").ClickAsync();
        await passenger.Locator("#view-ticket").ClickAsync();

        await Expect(passenger.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(passenger.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await Expect(passenger.Locator("main")).ToContainTextAsync("রাজশাহী");
        await Expect(passenger.Locator("main")).ToContainTextAsync("৳ ৬৫০");
        Assert.Empty(await passenger.EvaluateAsync<string[]>(RawKeys));
        Assert.DoesNotMatch(new Regex("৳ [0-9]"), await passenger.Locator("main").InnerTextAsync());
    }
    [Fact]
    public async Task OpsAddsAStopAbroadWithABoardingPoint_MistakesAreNamedFirst_ThenTheNetworkHasThem()
    {
        var stopId = $"tripops-stop-{Guid.NewGuid():N}"[..24];
        var ct = TestContext.Current.CancellationToken;
        using var api = app.WithToken(app.StaffToken(Roles.Ops));
        try
        {
            var ops = await OpsPageAsync();
            await ops.GotoAsync("/ops/network.html");
            await Expect(ops.Locator("#network-view")).ToBeVisibleAsync();
            await ops.Locator("[data-add=stop]").ClickAsync();
            await ops.Locator("#stop-nameEn").FillAsync("Petrapole");
            await ops.Locator("#stop-nameBn").FillAsync("পেট্রাপোল");
            await ops.Locator("#stop-city").SelectOptionAsync("kolkata");
            await ops.Locator("#stop-country").FillAsync("IN");
            await ops.Locator("#stop-add-point").ClickAsync();
            await ops.Locator("#stop-point-0-nameEn").FillAsync("Petrapole gate");
            await ops.Locator("#stop-point-0-report").FillAsync("900");
            await ops.Locator("#stop-id").FillAsync(stopId);
            await ops.Locator("#stop-form [type=submit]").ClickAsync();

            await Expect(ops.Locator("#stop-country-error")).ToBeVisibleAsync();
            await Expect(ops.Locator("#stop-point-0-nameBn-error")).ToBeVisibleAsync();
            await Expect(ops.Locator("#stop-point-0-report-error")).ToContainTextAsync("600");
            await ops.Locator("#stop-country").FillAsync("ind");
            await ops.Locator("#stop-point-0-nameBn").FillAsync("পেট্রাপোল গেট");
            await ops.Locator("#stop-point-0-report").FillAsync("45");
            await ops.Locator("[name='point-0-dropping']").UncheckAsync();
            await SaveAsync(ops, "stop-form");

            var network = JsonDocument.Parse(await api.GetStringAsync("/api/admin/network", ct)).RootElement;
            var stop = network.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("id").GetString() == stopId);
            Assert.Equal("IND", stop.GetProperty("country").GetString());
            var point = Assert.Single(stop.GetProperty("points").EnumerateArray());
            Assert.Equal("Petrapole gate", point.GetProperty("nameEn").GetString());
            Assert.Equal("পেট্রাপোল গেট", point.GetProperty("nameBn").GetString());
            Assert.Equal(45, point.GetProperty("reportMinutesBefore").GetInt32());
            Assert.True(point.GetProperty("boarding").GetBoolean());
            Assert.False(point.GetProperty("dropping").GetBoolean());
        }
        finally
        {
            await api.DeleteAsync($"/api/admin/stops/{stopId}", ct);
        }
    }
}
