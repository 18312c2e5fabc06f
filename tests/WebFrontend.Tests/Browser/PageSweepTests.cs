using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The app the page sweep runs against (its own, so its sales and holds meet no other test's).</summary>
public sealed class SweepWebAppFixture : WebAppFixture;

[CollectionDefinition(Name)]
public sealed class PageSweepCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SweepWebAppFixture>
{
    public const string Name = "browser-page-sweep";
}

/// <summary>
/// Every page of the site (every *.html under wwwroot, found at run time, so new pages are swept too) in English and
/// Bangla, on a phone (390 px) and a laptop (1366 px), signed in as the role the page is for: no console errors, no
/// failed requests, no horizontal scrolling, no raw enum values or untranslated keys, and text contrast of at least
/// WCAG AA (4.5:1, 3:1 for large text).
/// </summary>
[Collection(PageSweepCollection.Name)]
public sealed partial class PageSweepTests(BrowserFixture browser, SweepWebAppFixture app)
{
    private static readonly int[] Widths = [390, 1366];
    private static readonly string[] Languages = ["en", "bn"];

    // Enum names the API sends that must never reach the screen as they are.
    private static readonly string[] RawEnums = ["AcEconomy", "AcBusiness", "NonAc", "PendingPayment", "PaymentFailed", "RequiresPayment"];

    [GeneratedRegex(@"\bbooking\.[a-z][a-z0-9-]+")]
    private static partial Regex RawEventKind();

    /// <summary>A page, the role it is for, and the booking whose guest token the browser holds (as after buying it).</summary>
    private sealed record PageVisit(string Path, string? Role, (string Pnr, string Token)? Booking = null);

    [Fact]
    public async Task EveryPage_InBothLanguagesAndWidths_IsCleanAndReadable()
    {
        var visits = await VisitsAsync();
        var problems = new List<string>();
        foreach (var language in Languages)
        {
            foreach (var width in Widths)
            {
                foreach (var visit in visits)
                {
                    problems.AddRange((await SweepAsync(visit, language, width)).Select(p => $"{visit.Path} [{language}, {width}px]: {p}"));
                }
            }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task UnknownAddress_GivesBrowsersThe404Page_AndApiClientsProblemJson()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/no-such-page");
        using var client = app.NewVisitor();
        var api = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(404, response!.Status);
        Assert.Contains("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page not found", new() { Timeout = 30_000 });
        Assert.Equal(404, (int)api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Each page with the query it needs (a real trip, a real booking) and the role it is for.</summary>
    private async Task<IReadOnlyList<PageVisit>> VisitsAsync()
    {
        using var visitor = app.NewVisitor();
        var trip = (await KolkataTripsAsync(visitor, 3))[0];
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var sale = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId = trip.TripId, seats = new[] { "A1" }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Rahima Begum", "01712345678") },
        });
        sale.EnsureSuccessStatusCode();
        var sold = await Json(sale);
        var pnr = sold.GetProperty("pnr").GetString()!;
        var booking = (pnr, sold.GetProperty("bookingToken").GetString()!);

        var root = app.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        var dist = Path.Combine(root, "dist") + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories)
            .Where(file => !file.StartsWith(dist, StringComparison.Ordinal))
            .Select(file => "/" + Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Select(path => new PageVisit(path + QueryFor(path, trip.TripId, pnr), RoleFor(path), path is "/ticket.html" or "/book.html" ? booking : null))
            .ToList();
    }

    private static string QueryFor(string path, string tripId, string pnr) => path switch
    {
        "/trip.html" => $"?trip={tripId}&from={Dhaka}&to={Kolkata}",
        "/ops/trip.html" => $"?trip={tripId}",
        "/ticket.html" or "/book.html" => $"?pnr={pnr}",
        _ => "",
    };

    /// <summary>Ops and staff pages for ops, the counter for the clerk, the rest (tickets with their guest token) for anyone.</summary>
    private static string? RoleFor(string path) =>
        path.StartsWith("/ops/", StringComparison.Ordinal) || path.StartsWith("/staff/", StringComparison.Ordinal) ? Roles.Ops
        : path is "/counter.html" ? Roles.Clerk
        : null;

    private async Task<IReadOnlyList<string>> SweepAsync(PageVisit visit, string language, int width)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = app.ServerAddress.ToString(),
            ViewportSize = new() { Width = width, Height = width < 500 ? 844 : 900 },
            // Seats fade their background in 0.15 s after a state arrives; contrast is a property of the page at rest.
            ReducedMotion = ReducedMotion.Reduce,
        });
        try
        {
            await context.AddInitScriptAsync($"localStorage.setItem('dp.lang', '{language}');");
            if (visit.Booking is { } held)
            {
                var tokens = JsonSerializer.Serialize(new Dictionary<string, string> { [held.Pnr] = held.Token });
                await context.AddInitScriptAsync($"localStorage.setItem('dp.bookingTokens', {JsonSerializer.Serialize(tokens)});");
            }
            if (visit.Role is { } role)
            {
                var token = app.StaffToken(role, role == Roles.Clerk ? Dhaka : null);
                var access = JsonSerializer.Serialize(new { token, expiresAt = DateTimeOffset.UtcNow.AddMinutes(14) });
                var user = JsonSerializer.Serialize(new { id = "u1", name = "Sweep", role, counterId = role == Roles.Clerk ? Dhaka : null, login = "sweep@example.com" });
                await context.AddInitScriptAsync(
                    $"sessionStorage.setItem('dp.access', {JsonSerializer.Serialize(access)}); localStorage.setItem('dp.user', {JsonSerializer.Serialize(user)});");
            }
            var page = await context.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    problems.Add($"console error: {message.Text}");
                }
            };
            page.PageError += (_, error) => problems.Add($"script error: {error}");
            page.RequestFailed += (_, request) =>
            {
                // A page left while a request is under way cancels it; only real failures count.
                if (request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
                {
                    problems.Add($"request failed: {request.Method} {request.Url} ({failure})");
                }
            };
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    problems.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
                }
            };

            try
            {
                await page.GotoAsync(visit.Path);
                await PageConditions.WaitUntilAsync(page, "(lang) => document.documentElement.lang === lang", language);
                try
                {
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 30_000 });
                }
                catch (TimeoutException)
                {
                    // Live pages keep a connection open; what has loaded by now is what is checked.
                }
                await page.Locator(".loading:visible").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 30_000 });
                // Contrast is measured on the page at rest: a fade still running would be measured half transparent.
                await page.EvaluateAsync(SettledAnimations);

                var found = await page.EvaluateAsync<string[]>(PageChecks, new { rawEnums = RawEnums });
                problems.AddRange(found);
                var text = await page.EvaluateAsync<string>("document.body.innerText");
                if (RawEventKind().Match(text) is { Success: true } kind)
                {
                    problems.Add($"raw event kind on screen: {kind.Value}");
                }
            }
            catch (Exception e) when (e is TimeoutException or PlaywrightException)
            {
                // Reported with the page it happened on, and the sweep goes on, so one run names every page that fails.
                problems.Add($"the page did not finish loading: {e.Message.Split('\n')[0]}");
            }
            return problems;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Resolves when every finite CSS animation and transition has finished (spinners run forever and are left).</summary>
    private const string SettledAnimations = """
        () => Promise.all(document.getAnimations()
          .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => null))).then(() => true)
        """;

    /// <summary>
    /// Runs in the page: horizontal overflow, raw enum values and untranslated keys in visible text and labels, and the
    /// contrast of every visible text against what is painted behind it (<see cref="ContrastProbe"/>).
    /// </summary>
    private const string PageChecks = $$"""
        async ({ rawEnums }) => {
        {{ContrastProbe.Functions}}
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            // Name the innermost elements that stick out, so the report says what to fix.
            const wide = [...document.body.querySelectorAll("*")]
              .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1 && ![...el.children].some((c) => c.getBoundingClientRect().right > root.clientWidth + 1))
              .slice(0, 3)
              .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].slice(0, 3).join(".")}`);
            problems.push(`horizontal overflow: ${root.scrollWidth}px wide in ${root.clientWidth}px (${wide.join(", ")})`);
          }

          const dictionary = await (await fetch(`/i18n/en.json`)).json();
          const sections = Object.keys(dictionary).join("|");
          const keyPattern = new RegExp(`(^|\\s)(${sections})\\.[A-Za-z0-9.-]+(\\s|$)`);
          const texts = [document.body.innerText];
          for (const el of document.querySelectorAll("[placeholder],[aria-label],[title]")) {
            if (el.closest("[hidden]")) continue;
            for (const attr of ["placeholder", "aria-label", "title"]) if (el.getAttribute(attr)) texts.push(el.getAttribute(attr));
          }
          texts.push(document.title);
          for (const text of texts) {
            const key = keyPattern.exec(text);
            if (key) problems.push(`untranslated key: ${key[0].trim()}`);
            for (const name of rawEnums) if (new RegExp(`\\b${name}\\b`).test(text)) problems.push(`raw enum value: ${name}`);
          }

          const seen = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const el = node.parentElement;
            if (!el || seen.has(el) || !node.textContent.trim()) continue;
            seen.add(el);
            const rect = el.getBoundingClientRect();
            if (!rect.width || !rect.height || !el.checkVisibility({ opacityProperty: false, visibilityProperty: true })) continue;
            if (el.closest(".sr-only, [aria-hidden=true], :disabled, .btn-disabled, option, select")) continue;
            const ratio = contrastOf(el);
            if (ratio === null) continue;
            const style = getComputedStyle(el);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            if (ratio < (large ? 3 : 4.5) - 0.005) {
              const label = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].slice(0, 4).join(".")}`;
              problems.push(`contrast ${ratio.toFixed(2)} < ${large ? 3 : 4.5}: "${node.textContent.trim().slice(0, 40)}" (${label})`);
            }
          }
          return problems;
        }
        """;
}
