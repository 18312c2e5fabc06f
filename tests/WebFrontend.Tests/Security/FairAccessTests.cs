using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// A seat belongs to a verified phone: identities that cost nothing (no cookie, an invented cookie, a guest token, a
/// password account nobody verified) hold nothing, while hundreds of verified passengers behind one address all do.
/// </summary>
[Collection(FairAccessAppCollection.Name)]
public sealed class FairAccessTests(FairAccessAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object HoldBody(params string[] seats) =>
        new { seats, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString() };

    private static async Task<string[]> SeatLabelsAsync(HttpClient client, string tripId)
    {
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}", Ct);
        return detail.GetProperty("layout").GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("label").GetString()!).ToArray();
    }

    private static async Task<int> FreeSeatsAsync(HttpClient client, string tripId)
    {
        var map = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Kolkata}", Ct)).RootElement;
        return map.GetProperty("seats").EnumerateArray().Count(s => s.GetProperty("state").GetString() == "free");
    }

    private static string InventedOwner() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    [Fact]
    public async Task Hold_WithNoIdentity_Is401PhoneVerificationRequired_AndSetsNoCookie()
    {
        using var visitor = app.NewVisitor();
        var trip = (await KolkataTripsAsync(visitor, 2))[0];
        // Other tests of this class hold seats on the same trip; what matters is that this request held none.
        var free = await FreeSeatsAsync(visitor, trip.TripId);

        var response = await visitor.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody("A1"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "phone-verification-required");
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(free, await FreeSeatsAsync(visitor, trip.TripId));
    }

    [Fact]
    public async Task Hold_WithAnInventedOwnerCookie_IsRefused_AndTheCookieIsNotAdopted()
    {
        using var visitor = app.NewVisitor();
        var trip = (await KolkataTripsAsync(visitor, 2))[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/trips/{trip.TripId}/holds") { Content = JsonContent.Create(HoldBody("A2")) };
        request.Headers.Add("Cookie", $"dp_owner={InventedOwner()}");

        var response = await visitor.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "phone-verification-required");
        // The guest endpoint, given an invented cookie, issues an identity of its own rather than the invented one.
        var invented = InventedOwner();
        using var guestRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/guest");
        guestRequest.Headers.Add("Cookie", $"dp_owner={invented}");
        var guest = await AuthClient.ReadSessionAsync(await visitor.SendAsync(guestRequest, Ct));
        Assert.NotEqual("anon:" + invented, guest.User.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Hold_WithAGuestToken_Is401PhoneVerificationRequired()
    {
        using var visitor = app.NewVisitor();
        var trip = (await KolkataTripsAsync(visitor, 2))[0];
        var guest = await AuthClient.ReadSessionAsync(await visitor.PostAsync("/api/auth/guest", null, Ct));
        using var withToken = app.WithToken(guest.AccessToken);

        var response = await withToken.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody("A3"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "phone-verification-required");
    }

    [Fact]
    public async Task PasswordAccount_HoldsOnlyAfterItsPhoneIsVerifiedByCode_StayingTheSameAccount()
    {
        var phone = AuthClient.NewPhone();
        var registered = await app.RegisterAsync(phone);
        using var unverified = app.WithToken(registered.AccessToken);
        var trip = (await KolkataTripsAsync(unverified, 2))[0];
        Assert.False(registered.User.GetProperty("phoneVerified").GetBoolean());

        var seat = (await SeatLabelsAsync(unverified, trip.TripId))[3];
        var refused = await unverified.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct);
        var verified = await app.SignInByCodeAsync(phone);
        using var signedIn = app.WithToken(verified.AccessToken);
        var held = await signedIn.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "phone-verification-required");
        Assert.Equal(registered.User.GetProperty("id").GetString(), verified.User.GetProperty("id").GetString());
        Assert.True(verified.User.GetProperty("phoneVerified").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
    }

    [Fact]
    public async Task Refresh_KeepsTheVerifiedPhone_SoTheRefreshedSessionStillHolds()
    {
        var session = await app.SignInByCodeAsync();
        using var client = app.NewVisitor();
        var refreshed = await AuthClient.ReadSessionAsync(
            await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = session.RefreshToken }, Ct));
        using var signedIn = app.WithToken(refreshed.AccessToken);
        var trip = (await KolkataTripsAsync(signedIn, 2))[0];

        var seat = (await SeatLabelsAsync(signedIn, trip.TripId))[4];
        var held = await signedIn.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct);

        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
    }

    [Fact]
    public async Task BanglaDigits_SignInToTheSameAccount_AsTheSameNumberInAsciiDigits()
    {
        var ascii = AuthClient.NewPhone();
        var bangla = new string(ascii.Select(c => (char)('০' + (c - '0'))).ToArray());
        var spaced = "+৮৮০ " + bangla[1..5] + "-" + bangla[5..];

        var first = await app.SignInByCodeAsync(bangla);
        var second = await app.SignInByCodeAsync(ascii);
        var third = await app.SignInByCodeAsync(spaced);

        var id = first.User.GetProperty("id").GetString();
        Assert.Equal(id, second.User.GetProperty("id").GetString());
        Assert.Equal(id, third.User.GetProperty("id").GetString());
        Assert.Equal("+880" + ascii[1..], first.User.GetProperty("login").GetString());
    }

    [Fact]
    public async Task RequestCode_AnswersTheSame_ForAKnownAndAnUnknownNumber()
    {
        var known = AuthClient.NewPhone();
        await app.SignInByCodeAsync(known);
        using var client = app.NewVisitor();
        // A minute's cool-down applies to the number just used; wait it out on a number of its own instead.
        var unknown = AuthClient.NewPhone();
        var knownAgain = AuthClient.NewPhone();
        await app.RegisterAsync(knownAgain);

        var forKnown = await client.PostAsJsonAsync("/api/auth/otp", new { phone = knownAgain }, Ct);
        var forUnknown = await client.PostAsJsonAsync("/api/auth/otp", new { phone = unknown }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forUnknown.StatusCode);
        static string[] Shape(JsonElement e) => e.EnumerateObject().Select(p => p.Name + ":" + p.Value.ValueKind).ToArray();
        Assert.Equal(Shape(await BookingFlows.Json(forKnown)), Shape(await BookingFlows.Json(forUnknown)));
    }

    [Fact]
    public async Task RequestCode_TwiceWithinAMinute_Is429WithRetryAfter()
    {
        using var client = app.NewVisitor();
        var phone = AuthClient.NewPhone();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/otp", new { phone }, Ct)).StatusCode);

        var again = await client.PostAsJsonAsync("/api/auth/otp", new { phone }, Ct);

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.TooManyRequests, "otp-cooldown");
        Assert.True(again.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(50));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0171234567")]
    [InlineData("+44 7700 900123")]
    [InlineData("01212345678")]
    [InlineData("017-abc-45678")]
    [InlineData("")]
    public async Task MalformedPhones_Are400InvalidPhone_ForBothSteps(string phone)
    {
        using var client = app.NewVisitor();

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/otp", new { phone }, Ct), HttpStatusCode.BadRequest, "invalid-phone");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code = "123456" }, Ct),
            HttpStatusCode.BadRequest, "invalid-phone");
    }

    [Theory]
    [InlineData("12a456")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("")]
    [InlineData(null)]
    public async Task MalformedCodes_Are400InvalidCodeFormat_AndDoNotSpendATry(string? code)
    {
        using var client = app.NewVisitor();
        var phone = AuthClient.NewPhone();
        var demo = await PassengerSignIn.RequestDemoCodeAsync(client, phone);
        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code }, Ct),
                HttpStatusCode.BadRequest, "invalid-code-format");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code = demo }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Verify_WithoutARequest_AndWithAWrongCode_GetTheSame401_AndNoAccount()
    {
        using var client = app.NewVisitor();
        var requested = AuthClient.NewPhone();
        var demo = await PassengerSignIn.RequestDemoCodeAsync(client, requested);
        var wrong = demo == "000000" ? "000001" : "000000";

        var never = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone = AuthClient.NewPhone(), code = "123456" }, Ct);
        var mistaken = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone = requested, code = wrong }, Ct);

        var a = await ProblemAssert.IsProblemAsync(never, HttpStatusCode.Unauthorized, "invalid-code");
        var b = await ProblemAssert.IsProblemAsync(mistaken, HttpStatusCode.Unauthorized, "invalid-code");
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
        Assert.False(never.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Verify_AReplayedCode_Is401InvalidCode()
    {
        using var client = app.NewVisitor();
        var phone = AuthClient.NewPhone();
        var code = await PassengerSignIn.RequestDemoCodeAsync(client, phone);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code }, Ct)).StatusCode);

        var replay = await client.PostAsJsonAsync("/api/auth/otp/verify", new { phone, code }, Ct);

        await ProblemAssert.IsProblemAsync(replay, HttpStatusCode.Unauthorized, "invalid-code");
    }

    /// <summary>
    /// The hoarding script of the report, run from one address against one coach: it mints every kind of free
    /// identity it can — no cookie, invented owner cookies, guest tokens, fresh password accounts by e-mail and by
    /// unverified phone — and tries every seat with each. It must come away with nothing.
    /// </summary>
    [Fact]
    public async Task HoardingScript_MintingIdentitiesFromOneAddress_HoldsZeroSeats()
    {
        using var browse = app.NewVisitor();
        var trip = (await KolkataTripsAsync(browse, 3))[0];
        var seats = await SeatLabelsAsync(browse, trip.TripId);
        var statuses = new List<HttpStatusCode>();

        foreach (var seat in seats)
        {
            using var noCookie = app.NewVisitor();
            statuses.Add((await noCookie.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct)).StatusCode);

            using var invented = new HttpRequestMessage(HttpMethod.Post, $"/api/trips/{trip.TripId}/holds") { Content = JsonContent.Create(HoldBody(seat)) };
            invented.Headers.Add("Cookie", $"dp_owner={InventedOwner()}");
            statuses.Add((await noCookie.SendAsync(invented, Ct)).StatusCode);

            var guest = await AuthClient.ReadSessionAsync(await noCookie.PostAsync("/api/auth/guest", null, Ct));
            using var asGuest = app.WithToken(guest.AccessToken);
            statuses.Add((await asGuest.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct)).StatusCode);
            // The guest cookie the server just signed is no better.
            statuses.Add((await noCookie.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct)).StatusCode);
        }
        foreach (var seat in seats.Take(10))
        {
            var byEmail = await app.RegisterAsync();
            using var emailAccount = app.WithToken(byEmail.AccessToken);
            statuses.Add((await emailAccount.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct)).StatusCode);
            var byPhone = await app.RegisterAsync(AuthClient.NewPhone());
            using var phoneAccount = app.WithToken(byPhone.AccessToken);
            statuses.Add((await phoneAccount.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(seat), Ct)).StatusCode);
        }

        Assert.Equal(trip.TotalSeats, await FreeSeatsAsync(browse, trip.TripId));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    /// <summary>
    /// 300 honest passengers behind one carrier-NAT address sign in by code and each hold a seat within the same minute,
    /// with the production hold and address limits: none is refused.
    /// </summary>
    [Fact]
    public async Task ThreeHundredVerifiedPhones_BehindOneAddress_AllHold()
    {
        const int Passengers = 300;
        using var browse = app.NewVisitor();
        var places = new List<(string TripId, string Seat)>();
        for (var day = 4; places.Count < Passengers && day <= 13; day++)
        {
            foreach (var trip in await KolkataTripsAsync(browse, day))
            {
                places.AddRange((await SeatLabelsAsync(browse, trip.TripId)).Select(seat => (trip.TripId, seat)));
            }
        }
        Assert.True(places.Count >= Passengers, $"only {places.Count} seats in the demo schedule");

        var passengers = await Task.WhenAll(Enumerable.Range(0, Passengers).Select(_ => app.NewPassengerAsync()));
        var answers = await Task.WhenAll(passengers.Select((client, i) =>
            client.PostAsJsonAsync($"/api/trips/{places[i].TripId}/holds", HoldBody(places[i].Seat), Ct)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        foreach (var client in passengers)
        {
            client.Dispose();
        }
    }
}
