using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// WCAG AA contrast (4.5:1) of the elements the UX audit measured below it, in English and Bangla, computed in
/// Chromium from the built stylesheet. The page sweep checks every text it finds on every page, but most of these
/// appear only in states it does not reach (a failed payment, a refunded booking, a field error), so each is drawn
/// here with the exact markup and classes its page uses (book-form.js, ticket.html, trip.html, login.html …) and its
/// real translated text, on a real page of the site.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyElementContrastTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private const double Minimum = 4.5;

    /// <summary>Name → markup; <c>[[key|name=value]]</c> is the key's text in the page's language, and <c>data-check</c> marks what is measured.</summary>
    private static readonly (string Name, string Html)[] Specimens =
    [
        ("free-seats badge", """<span data-check class="badge badge-success badge-soft gap-1">[[results.freeSeats|count=24]]</span>"""),
        ("few-seats badge", """<span data-check class="badge badge-warning gap-1">[[results.freeSeats|count=3]]</span>"""),
        ("held-for-you message", """<div data-check class="alert alert-info alert-soft mb-4 items-start" role="status">[[trip.holdCreated|seats=E2]]</div>"""),
        ("refund note and reason", """<div data-check class="alert alert-soft items-start alert-info"><div class="flex flex-col gap-1"> <p>[[booking.statusText.Refunded]]</p><p class="text-sm opacity-80">[[book.reason|reason=Refunded]]</p></div></div>"""),
        // The dialog's modal-box is invisible outside an open dialog; it is a base-100 box, drawn as one.
        ("refund reason in the cancel dialog", """<div class="rounded-box bg-base-100 p-4"><p data-check class="text-sm opacity-80">[[book.reason|reason=More than 48 hours before departure.]]</p></div>"""),
        ("refund amount", """<div class="card bg-base-100"><div data-check class="flex items-baseline justify-between gap-2 border-t border-base-300 pt-2"> <span class="text-sm opacity-70">[[ticket.refund]]</span><strong class="text-info">৳ 2,970 (90%)</strong></div></div>"""),
        ("field error", """<p data-check class="field-error mt-1 text-sm text-error">[[book.fieldErrors.name.required]]</p>"""),
        ("error alert", """<div data-check class="alert alert-error alert-soft items-start p-3 text-sm" role="alert">[[errors.code.hold-expired]]</div>"""),
        ("Cancel booking", """<button data-check type="button" class="btn btn-outline btn-error">[[ticket.cancel]]</button>"""),
        ("Drop", """<button data-check type="button" class="btn btn-xs btn-ghost text-error">[[changes.drop]]</button>"""),
        ("Simulate a failed payment", """<div class="flex flex-col gap-3 rounded-box border-2 border-dashed border-warning bg-warning/10 p-4"> <button data-check type="button" class="btn btn-outline btn-error sm:flex-1">[[book.failTest]]</button></div>"""),
        ("inactive tab", """<div role="tablist" class="tabs tabs-box mb-4"><button type="button" role="tab" class="tab tab-active flex-1" aria-selected="true">[[auth.otp.tab]]</button> <button data-check type="button" role="tab" class="tab flex-1" aria-selected="false">[[auth.passwordTab]]</button></div>"""),
        ("Search button", """<button data-check type="submit" class="btn btn-accent w-full"><span>[[search.submit]]</span></button>"""),
        ("payment failed, seats still held", """<div data-check class="alert alert-warning alert-soft items-start" role="status"><p class="text-sm">[[book.retryText|time=10:45 PM]]</p></div>"""),
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("bn")]
    public async Task KeyElements_HaveAtLeastAAContrast(string language)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 } });
        try
        {
            await context.AddInitScriptAsync($"localStorage.setItem('dp.lang', '{language}');");
            var page = await context.NewPageAsync();
            await page.GotoAsync("/index.html");
            // Not WaitForFunction: its polling compiles the predicate in the page, which our CSP (no unsafe-eval) refuses.
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            var specimens = Specimens.Select(s => new { name = s.Name, html = s.Html }).ToArray();
            var measured = await page.EvaluateAsync<JsonElement>(MeasureScript, new { language, specimens });

            var results = measured.EnumerateArray()
                .Select(m => (Name: m.GetProperty("name").GetString()!, Ratio: m.GetProperty("ratio").GetDouble(), Text: m.GetProperty("text").GetString()!))
                .ToList();
            Assert.Equal(Specimens.Length, results.Count);
            Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.Text) || r.Text.Contains("[["), $"{r.Name}: no translated text"));
            var low = results.Where(r => r.Ratio < Minimum).Select(r => $"{r.Name} [{language}]: {r.Ratio:0.00} < {Minimum} (\"{r.Text}\")").ToList();
            Assert.True(low.Count == 0, string.Join("\n", low));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Runs in the page: draws each specimen at the end of the page's main content, then measures the lowest ratio of
    /// any text in it against what is painted behind it, measured by <see cref="ContrastProbe"/> as in the page sweep.
    /// </summary>
    private const string MeasureScript = $$$"""
        async ({ language, specimens }) => {
        {{{ContrastProbe.Functions}}}
          const dictionary = await (await fetch(`/i18n/${language}.json`)).json();
          const lookup = (key) => key.split(".").reduce((node, part) => (node == null ? node : node[part]), dictionary);
          const text = (token) => {
            const [key, ...pairs] = token.split("|");
            let value = lookup(key);
            if (value && typeof value === "object") value = value.other ?? value.one;
            if (typeof value !== "string") return `[[${token}]]`;
            for (const pair of pairs) {
              const [name, param] = pair.split("=");
              value = value.replaceAll(`{${name}}`, param);
            }
            return value;
          };
          const host = document.createElement("section");
          host.className = "flex flex-col gap-3 p-4";
          (document.querySelector("main") ?? document.body).append(host);

          const results = [];
          for (const { name, html } of specimens) {
            const wrapper = document.createElement("div");
            wrapper.innerHTML = html.replace(/\[\[([^\]]+)\]\]/g, (_, token) => text(token));
            host.append(wrapper);
            const target = wrapper.querySelector("[data-check]");
            let lowest = Infinity;
            const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              if (!walker.currentNode.textContent.trim()) continue;
              lowest = Math.min(lowest, contrastOf(walker.currentNode.parentElement, { throughImages: true }));
            }
            results.push({ name, ratio: Number.isFinite(lowest) ? lowest : 0, text: target.textContent.trim().replace(/\s+/g, " ") });
          }
          return results;
        }
        """;
}
