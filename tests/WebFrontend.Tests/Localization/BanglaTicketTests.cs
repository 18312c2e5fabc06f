using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.Localization;

/// <summary>Server-rendered strings that reach passengers come in English or Bangla (one .resx per language).</summary>
[Collection(WebAppCollection.Name)]
public sealed partial class BanglaTicketTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A cash sale of one seat on the Dhaka (Gabtoli) → Rajshahi Non-AC trip some days ahead; returns the clerk and PNR.</summary>
    private async Task<(HttpClient Clerk, string Pnr)> SoldAsync(int daysAhead, string seat)
    {
        var clerk = app.WithToken(app.StaffToken(Roles.Clerk, "dhaka-gabtoli"));
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead));
        var trips = JsonDocument.Parse(await clerk.GetStringAsync($"/api/trips?from=dhaka-gabtoli&to=rajshahi&date={day}", Ct)).RootElement;
        var tripId = trips[0].GetProperty("tripId").GetString();
        var sale = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { seat }, from = "dhaka-gabtoli", to = "rajshahi", requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Karim Mia", "01812345678") },
        }, Ct);
        sale.EnsureSuccessStatusCode();
        return (clerk, (await Json(sale)).GetProperty("pnr").GetString()!);
    }

    [GeneratedRegex("data-payload=\"([^\"]+)\"")]
    private static partial Regex PayloadAttribute();

    [Fact]
    public async Task ETicket_InBangla_ShowsBanglaTextStopNamesDigitsAndTaka()
    {
        var (clerk, pnr) = await SoldAsync(11, "A1");
        using var _ = clerk;

        var bangla = await clerk.GetStringAsync($"/api/bookings/{pnr}/ticket?lang=bn", Ct);
        var english = await clerk.GetStringAsync($"/api/bookings/{pnr}/ticket?lang=en", Ct);

        Assert.Contains("<html lang=\"bn\"", bangla);
        Assert.Contains("ই-টিকিট", bangla);
        Assert.Contains("ঢাকা (গাবতলী)", bangla);
        Assert.Contains("রাজশাহী", bangla);
        Assert.Contains("৳ ৭০০", bangla, StringComparison.Ordinal);
        Assert.Contains("পুরুষ", bangla);
        Assert.DoesNotContain("Boarding point", bangla);
        Assert.DoesNotContain("৳ 700", bangla, StringComparison.Ordinal);
        Assert.Contains("Boarding point", english);
        Assert.Contains("Dhaka (Gabtoli)", english);
        Assert.Contains("৳ 700", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TicketCheck_AskedInBangla_AnswersWithABanglaMessage()
    {
        var (clerk, pnr) = await SoldAsync(11, "A2");
        using var _ = clerk;
        var payload = System.Net.WebUtility.HtmlDecode(PayloadAttribute().Match(await clerk.GetStringAsync($"/api/bookings/{pnr}/ticket", Ct)).Groups[1].Value);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets/verify") { Content = JsonContent.Create(new { payload }) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("bn-BD"));
        var bangla = await Json(await clerk.SendAsync(request, Ct));
        var english = await Json(await clerk.PostAsJsonAsync("/api/tickets/verify", new { payload }, Ct));

        Assert.True(bangla.GetProperty("valid").GetBoolean());
        Assert.Equal("বৈধ টিকিট: যাত্রীদের উঠতে দিন।", bangla.GetProperty("message").GetString());
        Assert.Equal("Valid ticket: let the passengers board.", english.GetProperty("message").GetString());
    }
}
