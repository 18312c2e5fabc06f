using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using Orleans.Storage;
using Orleans.TestingHost;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// How a phone's admission of a hold is keyed: by owner and request id, so a retried request is one reservation, not
/// two; a retry of an acknowledged hold is answered with the first hold whatever the phone holds now; and an admission
/// whose trip write failed keeps counting until the hold it was for would have expired. On the fake clock, so "until
/// it expires" is not a race with real time.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class PhoneQuotaRetryTests(FakeClockClusterFixture fixture)
{
    private static string NewPhone() => "+88018" + Random.Shared.Next(10_000_000, 99_999_999);

    private async Task<ITripGrain> NewTripAsync()
    {
        var trip = Kolkata40($"PQR-{Guid.NewGuid():N}", 10);
        var shift = FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromDays(3) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    private static HoldSeats Online(string owner, string phone, string requestId, params string[] seats) =>
        new(owner, seats, Dhaka, Kolkata, requestId, SalesChannel.Online, phone);

    /// <summary>After a failed write the trip's activation resets; the next call may meet it still going.</summary>
    private static async Task<HoldResult> HoldAfterFailureAsync(ITripGrain trip, HoldSeats command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await trip.HoldAsync(command);
            }
            catch (TripUnavailableException) when (attempt < 50)
            {
                await Task.Yield();
            }
        }
    }

    private async Task FailNextTripWriteAsync(ITripGrain trip) =>
        await fixture.Grains.GetGrain<IStorageFaultGrain>("trip").AddFaultOnWrite(trip.GetGrainId(), new InvalidOperationException("disk on fire"));

    [Fact]
    public async Task RetryAfterTheTripWriteFailed_ReusesTheFirstAdmission_InsteadOfCountingTheSeatsTwice()
    {
        var trip = await NewTripAsync();
        var phone = NewPhone();
        var command = Online("session-retry", phone, "req-1", "A1", "A2", "A3", "A4");
        await FailNextTripWriteAsync(trip);
        await Assert.ThrowsAnyAsync<Exception>(() => trip.HoldAsync(command));

        // Four seats admitted and four again would be eight, over the six a phone may hold: only one reservation counts.
        var retried = await HoldAfterFailureAsync(trip, command);

        Assert.Null(retried.Failure);
        Assert.Equal(4, (await fixture.Grains.GetGrain<IPhoneGrain>(phone).GetSummaryAsync()).HeldSeats(FakeClockClusterFixture.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task AdmissionWhoseTripWriteFailed_KeepsCounting_UntilTheHoldWouldHaveExpired()
    {
        var first = await NewTripAsync();
        var second = await NewTripAsync();
        var phone = NewPhone();
        await FailNextTripWriteAsync(first);
        await Assert.ThrowsAnyAsync<Exception>(() => first.HoldAsync(Online("session-a", phone, "req-a", "A1", "A2", "A3", "A4")));

        var refused = (await second.HoldAsync(Online("session-b", phone, "req-b", "A1", "A2", "A3"))).Failure;
        Assert.Equal(TripErrorCode.QuotaExceeded, refused?.Code);
        Assert.Equal(QuotaLimits.HeldSeatsOverall, refused!.Quota!.Limit);

        // Past the online hold's lifetime the stale reservation no longer counts.
        FakeClockClusterFixture.Clock.Advance(OnlineHoldLimits.DefaultHoldDuration + TimeSpan.FromSeconds(1));
        Assert.Null((await second.HoldAsync(Online("session-b", phone, "req-b2", "A1", "A2", "A3"))).Failure);
    }

    [Fact]
    public async Task RetryOfAnAcknowledgedHold_IsAnsweredWithTheFirstHold_EvenWithThePhoneAtItsLimit()
    {
        var trip = await NewTripAsync();
        var other = await NewTripAsync();
        var phone = NewPhone();
        var command = Online("session-ack", phone, "req-ack", "B1", "B2", "B3", "B4");
        var first = (await trip.HoldAsync(command)).Hold!;
        Assert.Null((await other.HoldAsync(Online("session-ack", phone, "req-other", "B1", "B2"))).Failure);

        var again = await trip.HoldAsync(command);

        Assert.Null(again.Failure);
        Assert.Equal(first.HoldId, again.Hold!.HoldId);
        Assert.Equal(6, (await fixture.Grains.GetGrain<IPhoneGrain>(phone).GetSummaryAsync()).HeldSeats(FakeClockClusterFixture.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task HoldsWithoutARequestId_AreSeparateReservations_ThatAllCount()
    {
        var trip = await NewTripAsync();
        var other = await NewTripAsync();
        var phone = NewPhone();
        Assert.Null((await trip.HoldAsync(Online("session-noid", phone, "", "C1", "C2"))).Failure);
        Assert.Null((await trip.HoldAsync(Online("session-noid", phone, "", "C3", "C4"))).Failure);

        // Four held on the first trip: three more anywhere would be seven.
        var refused = (await other.HoldAsync(Online("session-noid", phone, "", "C1", "C2", "C3"))).Failure;

        Assert.Equal(TripErrorCode.QuotaExceeded, refused?.Code);
        Assert.Equal(QuotaLimits.HeldSeatsOverall, refused!.Quota!.Limit);
    }
}
