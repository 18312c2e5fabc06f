using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>Booking lookup texts a single-use link instead of answering with the booking, so guessing PNR and phone pairs learns nothing.</summary>
[Collection(HardeningCollection.Name)]
public sealed partial class BookingLookupLinkTests(HardeningAppFixture app)
{
    private const string BookingPhone = "+8801712345678";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> BookAsync(string seat)
    {
        using var owner = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(owner, 9))[0];
        return (await Fixtures.BookingFlows.BookAsync(owner, trip.TripId, seat)).GetProperty("pnr").GetString()!;
    }

    private async Task<IReadOnlyList<OutboxMessage>> LinkMessagesAsync(string pnr)
    {
        var (messages, _) = await app.Services.GetRequiredService<OutboxStore>().ListAsync(null, pnr, 0, Ct);
        return messages.Where(m => m.Kind == "booking-link").ToList();
    }

    [Fact]
    public async Task Lookup_MatchingAndNonMatchingPairs_AnswerAlike_AndOnlyTheMatchTextsTheBookingsPhone()
    {
        var pnr = await BookAsync("C1");
        using var guest = app.NewVisitor();

        var match = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr, phone = "01712-345678" }, Ct);
        var wrongPhone = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr, phone = "01999999999" }, Ct);
        var wrongPnr = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr = "DP-222222", phone = "01712345678" }, Ct);

        var bodies = new List<string>();
        foreach (var response in new[] { match, wrongPhone, wrongPnr })
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain(pnr, bodies[0]);
        Assert.DoesNotContain("token", bodies[0], StringComparison.OrdinalIgnoreCase);
        var sms = Assert.Single(await LinkMessagesAsync(pnr));
        Assert.Equal(BookingPhone, sms.Recipient);
        Assert.Equal(NotificationChannel.Sms, sms.Channel);
    }

    [Fact]
    public async Task TheTextedLink_OpensTheBookingOnce()
    {
        var pnr = await BookAsync("C2");
        using var guest = app.NewVisitor();
        (await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr, phone = "01712345678" }, Ct)).EnsureSuccessStatusCode();
        var secret = Link().Match(Assert.Single(await LinkMessagesAsync(pnr)).BodyText).Groups["secret"].Value;

        var first = await guest.PostAsJsonAsync("/api/bookings/links/redeem", new { secret }, Ct);
        var again = await guest.PostAsJsonAsync("/api/bookings/links/redeem", new { secret }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var opened = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(pnr, opened.GetProperty("pnr").GetString());
        var token = opened.GetProperty("bookingToken").GetString();
        using var stranger = app.NewVisitor();
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/api/bookings/{pnr}?token={token}", Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.NotFound, "booking-link-invalid");
    }

    [Fact]
    public async Task Guessing300Pairs_LearnsNothing_AndTextsOnlyTheRealBooking()
    {
        var pnr = await BookAsync("C3");
        var guesses = Enumerable.Range(0, 299)
            .Select(_ => (Pnr: "DP-" + RandomNumberGenerator.GetString(PnrFormat.Alphabet, 6), Phone: "019" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999)))
            .Append((Pnr: pnr, Phone: "01712345678"))
            .ToList();

        var answers = new HashSet<string>();
        foreach (var (guessPnr, phone) in guesses)
        {
            // A new cookie for every guess, as a guesser would rotate them.
            using var guesser = app.NewVisitor();
            var response = await guesser.PostAsJsonAsync("/api/bookings/lookup", new { pnr = guessPnr, phone }, Ct);
            answers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        Assert.Single(answers);
        Assert.StartsWith("202 ", answers.Single());
        Assert.Single(await LinkMessagesAsync(pnr));
    }

    [Fact]
    public async Task Lookup_OfOnePhone_IsLimitedWhateverTheCookie()
    {
        var phone = "018" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var guesser = app.NewVisitor();
            var response = await guesser.PostAsJsonAsync("/api/bookings/lookup",
                new { pnr = "DP-" + RandomNumberGenerator.GetString(PnrFormat.Alphabet, 6), phone }, Ct);
            statuses.Add(response.StatusCode);
            if (i == 5)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, "rate-limited");
            }
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Accepted, s));
    }

    [Fact]
    public async Task Redeem_WithAnInventedSecret_Is404_AndOpensNothing()
    {
        using var guest = app.NewVisitor();
        var response = await guest.PostAsJsonAsync("/api/bookings/links/redeem", new { secret = "bm90LWEtcmVhbC1saW5r" }, Ct);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "booking-link-invalid");
    }

    [GeneratedRegex(@"link=(?<secret>[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
