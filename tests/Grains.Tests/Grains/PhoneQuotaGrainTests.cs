using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Testing.History;
using Orleans.Storage;
using Orleans.TestingHost;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// Per-phone quotas where the seats are: trip grains and phone grains together, under races and across trips; the
/// ops release and block of a phone, and their audit.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PhoneQuotaGrainTests(ClusterFixture fixture)
{
    private static readonly HolderAction Ops = new("user-ops", "ops@diuparibahan.local", "ops", "hoarding on Eid");

    private static string NewPhone() => "+88017" + Random.Shared.Next(10_000_000, 99_999_999);

    private async Task<(ITripGrain Grain, TripDefinition Trip)> NewTripAsync(int rows = 10)
    {
        var trip = Kolkata40($"PQ-{Guid.NewGuid():N}", rows);
        var shift = DateTimeOffset.UtcNow.AddDays(3) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return (grain, trip);
    }

    private static HoldSeats Online(string phone, params string[] seats) =>
        new($"session-{Guid.NewGuid():N}", seats, Dhaka, Kolkata, Guid.NewGuid().ToString("N"), SalesChannel.Online, phone);

    [Fact]
    public async Task TwoPlusTwoSeats_ThenOneMore_IsRefusedNamingTheSeatsPerTripLimit()
    {
        var (grain, _) = await NewTripAsync();
        var phone = NewPhone();
        Assert.Null((await grain.HoldAsync(Online(phone, "A1", "A2"))).Failure);
        Assert.Null((await grain.HoldAsync(Online(phone, "A3", "A4"))).Failure);

        var refused = (await grain.HoldAsync(Online(phone, "B1"))).Failure!;

        Assert.Equal(TripErrorCode.QuotaExceeded, refused.Code);
        Assert.Equal(QuotaLimits.SeatsPerTrip, refused.Quota!.Limit);
        Assert.Equal(4, refused.Quota.Max);
        var map = (await grain.GetSeatMapAsync(Dhaka, Kolkata, null)).Map!;
        Assert.Equal(SeatState.Free, map.Seats.Single(s => s.Seat == "B1").State);
    }

    [Fact]
    public async Task SixSeatsOverThreeTrips_ThenOneMoreOnAFourth_IsRefusedNamingTheOverallLimit()
    {
        var phone = NewPhone();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var (trip, _) = await NewTripAsync();
            Assert.Null((await trip.HoldAsync(Online(phone, "A1", "A2"))).Failure);
        }
        var (fourth, _) = await NewTripAsync();

        var refused = (await fourth.HoldAsync(Online(phone, "A1"))).Failure!;

        Assert.Equal(TripErrorCode.QuotaExceeded, refused.Code);
        Assert.Equal(QuotaLimits.HeldSeatsOverall, refused.Quota!.Limit);
        Assert.Equal(6, refused.Quota.Max);
        // Staff are not bound by passenger quotas.
        Assert.Null((await fourth.HoldAsync(new HoldSeats("clerk-1", ["A1", "A2", "A3", "A4", "B1"], Dhaka, Kolkata, "c1", SalesChannel.Counter))).Failure);
    }

    [Fact]
    public async Task RefusedBySeatConflict_TheReservationIsFreedForTheNextHold()
    {
        var (grain, _) = await NewTripAsync();
        var phone = NewPhone();
        Assert.Null((await grain.SellAsync(new SellSeats("clerk-1", ["A1"], Dhaka, Kolkata, "s1", SalesChannel.Counter, "DP-TAKEN1"))).Failure);

        Assert.Equal(TripErrorCode.SeatsUnavailable, (await grain.HoldAsync(Online(phone, "A1", "A2", "A3"))).Failure!.Code);

        // The refused hold's seats must not keep counting against the overall limit once the trip dropped it.
        var (other, _) = await NewTripAsync();
        Assert.Null((await other.HoldAsync(Online(phone, "A1", "A2", "A3", "A4"))).Failure);
        var (third, _) = await NewTripAsync();
        Assert.Null((await third.HoldAsync(Online(phone, "A1", "A2"))).Failure);
    }

    [Fact]
    public async Task FiftyRacingHoldsFromOnePhone_NeverHoldMoreThanFourSeats()
    {
        var (grain, trip) = await NewTripAsync(rows: 30);
        var phone = NewPhone();
        var seats = trip.Layout.Seats.Select(s => s.Label).ToArray();
        var history = new OperationHistory();
        using var start = new ManualResetEventSlim();

        var racers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            // Distinct seats and sessions: only the phone ties these requests together.
            var wanted = seats.Skip(i * 2).Take(1 + i % 2).ToArray();
            start.Wait(TestContext.Current.CancellationToken);
            var pending = history.Begin(trip.TripId, OperationKind.Hold, wanted, 0, 3);
            try
            {
                var result = await grain.HoldAsync(Online(phone, wanted));
                if (result.Hold is { } hold)
                {
                    pending.Acknowledged(hold.HoldId.ToString(), hold.ExpiresAt);
                }
                else
                {
                    Assert.Contains(result.Failure!.Code, new[] { TripErrorCode.QuotaExceeded });
                    pending.Refused(result.Failure.Conflicts);
                }
            }
            catch
            {
                pending.Failed();
                throw;
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(racers);

        var operations = history.Operations.ToList();
        Assert.Equal(50, operations.Count);
        var report = history.Verify();
        Assert.True(report.IsClean, report.ToString());
        var (most, violations) = HeldSeatsCheck.Check(operations, max: 4, history.ExpiryTolerance);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.InRange(most, 1, 4);
        Assert.Contains(operations, o => o.Outcome == OperationOutcome.Refused);
    }

    [Fact]
    public async Task BlockedPhone_IsRefusedWithReasonAndUntil_UnblockLiftsIt_AndBothAreAudited()
    {
        var (grain, _) = await NewTripAsync();
        var phone = NewPhone();
        var until = DateTimeOffset.UtcNow.AddDays(2);
        var blocked = await fixture.Grains.GetGrain<IPhoneGrain>(phone).BlockAsync(Ops, until);
        Assert.Equal("hoarding on Eid", blocked.Block!.Reason);

        var refused = (await grain.HoldAsync(Online(phone, "A1"))).Failure!;

        Assert.Equal(TripErrorCode.PhoneBlocked, refused.Code);
        Assert.Equal(until, refused.Quota!.Until);
        Assert.Equal("hoarding on Eid", refused.Quota.Reason);
        Assert.True(refused.Quota.RetryAfterSeconds > 0);

        var lifted = await fixture.Grains.GetGrain<IPhoneGrain>(phone).UnblockAsync(Ops with { Reason = "" });
        Assert.Null(lifted.Block);
        Assert.Null((await grain.HoldAsync(Online(phone, "A1"))).Failure);

        var audit = fixture.Events.OfKind(HolderAuditKinds.Blocked).Concat(fixture.Events.OfKind(HolderAuditKinds.Unblocked))
            .Select(e => (e.Kind, e.Actor, Payload: JsonDocument.Parse(e.PayloadJson).RootElement))
            .Where(e => e.Payload.GetProperty("phone").GetString() == phone)
            .ToList();
        Assert.Equal([HolderAuditKinds.Blocked, HolderAuditKinds.Unblocked], audit.Select(a => a.Kind));
        Assert.All(audit, a => Assert.Equal("user-ops", a.Actor));
        Assert.Equal("ops@diuparibahan.local", audit[0].Payload.GetProperty("login").GetString());
        Assert.Equal("ops", audit[0].Payload.GetProperty("role").GetString());
        Assert.Equal("hoarding on Eid", audit[0].Payload.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ReleaseAll_FreesThePhonesSeatsOnEveryTrip_LeavesOthers_AndIsAudited()
    {
        var phone = NewPhone();
        var (first, _) = await NewTripAsync();
        var (second, _) = await NewTripAsync();
        Assert.Null((await first.HoldAsync(Online(phone, "A1", "A2"))).Failure);
        Assert.Null((await second.HoldAsync(Online(phone, "B1"))).Failure);
        Assert.Null((await first.HoldAsync(Online(NewPhone(), "C1"))).Failure);

        var result = await fixture.Grains.GetGrain<IPhoneGrain>(phone).ReleaseAllAsync(Ops);

        Assert.Equal((2, 3, 2), (result.Holds, result.Seats, result.Trips));
        Assert.Equal(0, result.Summary.HeldSeats(DateTimeOffset.UtcNow));
        var map = (await first.GetSeatMapAsync(Dhaka, Kolkata, null)).Map!;
        Assert.Equal(SeatState.Free, map.Seats.Single(s => s.Seat == "A1").State);
        Assert.Equal(SeatState.Held, map.Seats.Single(s => s.Seat == "C1").State);
        Assert.Equal(SeatState.Free, (await second.GetSeatMapAsync(Dhaka, Kolkata, null)).Map!.Seats.Single(s => s.Seat == "B1").State);
        var audit = Assert.Single(fixture.Events.OfKind(HolderAuditKinds.Released),
            e => JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("phone").GetString() == phone);
        Assert.Equal("user-ops", audit.Actor);
        // The phone may hold again at once: a release is not a lapse.
        Assert.Null((await first.HoldAsync(Online(phone, "A1", "A2", "A3", "A4"))).Failure);
    }

    [Fact]
    public async Task PhoneWriteFailure_FailsTheHold_TakesNoSeat_AndCountsNothing()
    {
        var (grain, _) = await NewTripAsync();
        var phone = NewPhone();
        var phoneGrain = fixture.Grains.GetGrain<IPhoneGrain>(phone);
        await phoneGrain.GetSummaryAsync();
        await fixture.Grains.GetGrain<IStorageFaultGrain>("phone")
            .AddFaultOnWrite(phoneGrain.GetGrainId(), new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.HoldAsync(Online(phone, "A1", "A2", "A3", "A4")));

        Assert.Equal(SeatState.Free, (await grain.GetSeatMapAsync(Dhaka, Kolkata, null)).Map!.Seats.Single(s => s.Seat == "A1").State);
        Assert.Equal(0, (await phoneGrain.GetSummaryAsync()).HeldSeats(DateTimeOffset.UtcNow));
        Assert.Null((await grain.HoldAsync(Online(phone, "A1", "A2", "A3", "A4"))).Failure);
    }

    [Fact]
    public async Task HoldThatExpiresUnpaid_CountsAsALapse_AndThePhoneShowsInTheIndex()
    {
        var (grain, _) = await NewTripAsync();
        var phone = NewPhone();
        Assert.Null((await grain.HoldAsync(Online(phone, "A1"))).Failure);
        var index = fixture.Grains.GetGrain<IHolderIndexGrain>(IHolderIndexGrain.ShardOf(phone));

        // The trip's own timer expires the hold ClusterFixture.OnlineHold after it was taken; nobody calls the trip.
        var summary = await Eventually.ReachedAsync(() => fixture.Grains.GetGrain<IPhoneGrain>(phone).GetSummaryAsync(), s => s.Lapses.Count == 1);

        Assert.Equal(0, summary.HeldSeats(DateTimeOffset.UtcNow));
        var listed = await Eventually.ReachedAsync(() => index.ListAsync(), l => l.Any(s => s.Phone == phone && s.Lapses.Count == 1));
        Assert.Contains(listed, s => s.Phone == phone && s.HoldsInLastHour(DateTimeOffset.UtcNow) == 1);
    }
}
