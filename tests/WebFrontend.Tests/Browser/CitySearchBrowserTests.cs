using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>A passenger searches by city in Chromium: "Dhaka" → "Khulna" in English and Bangla, an old spelling, the date strip.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CitySearchBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    // Only searched, never held: any day on sale will do.
    private static readonly DateOnly Day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(6);

    private async Task<IPage> SearchPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        // The pickers work on the stops list, so typing starts once it has loaded.
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#date").FillAsync(ServiceDay.Key(Day));
        return page;
    }

    private static async Task PickFirstAsync(IPage page, string field, string text, string expectedId, string expectedType)
    {
        await page.Locator($"#{field}").FillAsync(text);
        var first = page.Locator($"#{field}-listbox [role=option]").First;
        await Expect(first).ToHaveAttributeAsync("data-stop-id", expectedId);
        await Expect(first).ToHaveAttributeAsync("data-place-type", expectedType);
        await page.Locator($"#{field}").PressAsync("Enter");
    }

    private static async Task ExpectCoachesFromBothDhakaCountersAsync(IPage page)
    {
        var cards = page.Locator("li.trip-result");
        await Expect(cards).ToHaveCountAsync(4);
        var boarding = await page.Locator("li.trip-result [data-boarding-stop]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.boardingStop)");
        Assert.Equal(["dhaka-gabtoli", "dhaka-kalyanpur"], boarding.Distinct().Order());
        // Each coach's seat map opens for the counter it boards at, not for the city.
        var href = await page.Locator($"li.trip-result[data-trip-id='DHK-KHL-PB-{Day:yyyyMMdd}-0730'] a.btn-primary").GetAttributeAsync("href");
        Assert.Contains("from=dhaka-kalyanpur", href);
        Assert.Contains("to=khulna-sonadanga", href);
    }

    [Fact]
    public async Task DhakaToKhulna_InEnglish_FindsCoachesFromBothDhakaCounters_NamingTheCounter()
    {
        var page = await SearchPageAsync();

        await PickFirstAsync(page, "from", "Dhaka", "dhaka", "city");
        await PickFirstAsync(page, "to", "Khulna", "khulna", "city");
        await page.Locator("#search-form button[type=submit]").ClickAsync();

        await ExpectCoachesFromBothDhakaCountersAsync(page);
        Assert.Contains("from=dhaka&to=khulna", page.Url);
        await Expect(page.Locator($"li.trip-result[data-trip-id='DHK-KHL-{Day:yyyyMMdd}-0800']")).ToContainTextAsync("Board at Dhaka (Gabtoli)");
    }

    [Fact]
    public async Task DhakaToKhulna_InBangla_TypedWithoutPicking_FindsTheSameCoaches()
    {
        var page = await SearchPageAsync();
        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");

        await page.Locator("#from").FillAsync("ঢাকা");
        await page.Locator("#to").FillAsync("খুলনা");
        await page.Locator("#search-form button[type=submit]").ClickAsync();

        await ExpectCoachesFromBothDhakaCountersAsync(page);
        Assert.Contains("from=dhaka&to=khulna", page.Url);
        await Expect(page.Locator($"li.trip-result[data-trip-id='DHK-KHL-PB-{Day:yyyyMMdd}-0730']")).ToContainTextAsync("কল্যাণপুর");
        await Expect(page.Locator("#results-heading")).ToContainTextAsync("ঢাকা");
    }

    [Fact]
    public async Task Jessore_ResolvesToJashore()
    {
        var page = await SearchPageAsync();

        await PickFirstAsync(page, "from", "Dhaka", "dhaka", "city");
        await PickFirstAsync(page, "to", "Jessore", "jashore", "city");
        await Expect(page.Locator("#to")).ToHaveValueAsync("Jashore");
        await page.Locator("#search-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("li.trip-result").First).ToBeVisibleAsync();
        Assert.Contains("to=jashore", page.Url);
        Assert.All(await page.Locator("li.trip-result [data-alighting-stop]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.alightingStop)"),
            stop => Assert.Equal("jashore", stop));
    }

    [Fact]
    public async Task DateStrip_ShowsEachDaysLowestFareAndSeatsLeft_AsTheCalendarHasThem_AndPicksADay()
    {
        using var client = app.NewVisitor();
        var calendar = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/calendar?from=dhaka&to=khulna&date={ServiceDay.Key(Day)}"))
            .RootElement.EnumerateArray()
            .Select(d => (Date: d.GetProperty("date").GetString()!, Fare: d.GetProperty("lowestFare").ValueKind == JsonValueKind.Null ? "" : d.GetProperty("lowestFare").GetInt32().ToString(),
                Seats: d.GetProperty("seatsLeft").GetInt32().ToString()))
            .ToList();
        var page = await SearchPageAsync();
        await page.GotoAsync($"/?from=dhaka&to=khulna&date={ServiceDay.Key(Day)}");

        var cells = page.Locator("#date-strip [data-strip-date]");
        await Expect(cells).ToHaveCountAsync(7);
        var shown = await cells.EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.stripDate, e.dataset.lowestFare, e.dataset.seatsLeft])");
        Assert.Equal(calendar.Select(c => new[] { c.Date, c.Fare, c.Seats }), shown);
        await Expect(page.Locator($"#date-strip [data-strip-date='{ServiceDay.Key(Day)}']")).ToHaveAttributeAsync("aria-current", "date");
        await Expect(page.Locator($"#date-strip [data-strip-date='{ServiceDay.Key(Day)}']")).ToContainTextAsync("৳ 660");

        var next = ServiceDay.Key(Day.AddDays(1));
        await page.Locator($"#date-strip [data-strip-date='{next}']").ClickAsync();

        await Expect(page.Locator($"#date-strip [data-strip-date='{next}']")).ToHaveAttributeAsync("aria-current", "date");
        Assert.Contains($"date={next}", page.Url);
        await Expect(page.Locator("li.trip-result")).ToHaveCountAsync(4);
    }

    [Fact]
    public async Task DateStrip_MarksDaysBeforeTodayAsGone()
    {
        var today = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow));
        var page = await SearchPageAsync();
        await page.GotoAsync($"/?from=dhaka&to=khulna&date={today}");

        var past = page.Locator("#date-strip [data-status=past]");
        await Expect(past).ToHaveCountAsync(3);
        await Expect(past.First).ToBeDisabledAsync();
        await Expect(past.First).ToContainTextAsync("Gone");
    }
}
