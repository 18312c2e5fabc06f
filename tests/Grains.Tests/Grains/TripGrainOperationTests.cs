using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// The trip grain's own operations, called directly: scheduling, reads of a trip that does not exist, the version an
/// answer reflects, extending a hold, moving, partly releasing and re-gendering a sale, blocks, the ops release of a
/// phone's holds, and the unsettled-cancellations list. Elsewhere they are reached only through other grains. On the
/// fake clock, so no hold expires while a slow machine runs a test.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class TripGrainOperationTests(FakeClockClusterFixture fixture)
{
    private static TripDefinition NewTrip()
    {
        var trip = Kolkata40($"TOP-{Guid.NewGuid():N}");
        var shift = FakeClockClusterFixture.Clock.GetUtcNow().AddDays(3) - trip.Departure;
        return trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
    }

    private async Task<ITripGrain> ScheduledAsync()
    {
        var trip = NewTrip();
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    private static string NewPhone() => "+88018" + Random.Shared.Next(10_000_000, 99_999_999);

    private static async Task<SaleInfo> SellAsync(ITripGrain grain, params string[] seats) =>
        (await grain.SellAsync(new SellSeats("clerk-1", seats, Dhaka, Jashore, Guid.NewGuid().ToString("N"), SalesChannel.Counter,
            "DP-" + Guid.NewGuid().ToString("N")[..6], seats.Select(s => new SeatGender(s, Gender.Male)).ToList()))).Sale!;

    private static async Task<SeatMap> MapAsync(ITripGrain grain) => (await grain.GetSeatMapAsync(Dhaka, Jashore, null)).Map!;

    private static SeatView Seat(SeatMap map, string seat) => map.Seats.Single(s => s.Seat == seat);

    [Fact]
    public async Task Schedule_WithTheDefinitionOfAnotherTrip_IsRefused_AndSchedulesNothing()
    {
        var grain = fixture.Grains.GetGrain<ITripGrain>($"TOP-{Guid.NewGuid():N}");

        var result = await grain.ScheduleAsync(NewTrip());

        Assert.Equal(TripErrorCode.InvalidRequest, result.Failure!.Code);
        Assert.Null(await grain.GetDefinitionAsync());
    }

    [Fact]
    public async Task Schedule_Again_ChangesNothing_NotEvenTheVersion()
    {
        var trip = NewTrip();
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        var before = (await MapAsync(grain)).Version;

        var again = await grain.ScheduleAsync(trip);

        Assert.Null(again.Failure);
        Assert.Equal(before, (await MapAsync(grain)).Version);
    }

    [Fact]
    public async Task ReadsAndChanges_OfATripNeverScheduled_FindNothing()
    {
        var grain = fixture.Grains.GetGrain<ITripGrain>($"TOP-{Guid.NewGuid():N}");

        Assert.Null(await grain.GetSnapshotAsync());
        Assert.Null(await grain.GetAvailabilityAsync());
        Assert.Null(await grain.GetCancellationAsync());
        Assert.Null(await grain.GetHoldAsync(Guid.NewGuid()));
        Assert.Equal(TripErrorCode.TripNotFound, (await grain.GetSeatMapAsync(Dhaka, Jashore, null)).Failure!.Code);
        Assert.Equal(TripErrorCode.TripNotFound, (await grain.ReleaseAsync(Guid.NewGuid(), "alice")).Failure!.Code);
        Assert.Equal(TripErrorCode.TripNotFound, (await grain.BlockAsync(new BlockSeats(["A1"], Dhaka, Jashore, "broken"))).Failure!.Code);
        Assert.Equal(TripErrorCode.TripNotFound, (await grain.CancelTripAsync(new CancelTrip("ops-1", "flood"))).Failure!.Code);
        Assert.Equal(TripErrorCode.TripNotFound, (await grain.DelayAsync(new DelayTrip(FakeClockClusterFixture.Clock.GetUtcNow().AddDays(1), "ops-1", "late"))).Failure!.Code);
        Assert.Empty(await grain.ReleaseHoldsOfPhoneAsync(NewPhone()));
        Assert.Null(await grain.GetDefinitionAsync());
    }

    [Fact]
    public async Task Release_AnswersWithTheVersionOfItsChange_AndARefusalWithTheVersionItSaw()
    {
        var grain = await ScheduledAsync();
        var hold = await grain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online));
        Assert.Equal((await MapAsync(grain)).Version, hold.Version);

        var released = await grain.ReleaseAsync(hold.Hold!.HoldId, "alice");
        var refused = await grain.ReleaseAsync(hold.Hold.HoldId, "alice");

        Assert.Null(released.Failure);
        Assert.Equal(hold.Version + 1, released.Version);
        Assert.NotNull(refused.Failure);
        Assert.Equal(released.Version, refused.Version);
        Assert.Equal(released.Version, (await MapAsync(grain)).Version);
    }

    [Fact]
    public async Task ExtendHold_MovesItsExpiryOnce_AndASecondExtensionIsRefused()
    {
        var grain = await ScheduledAsync();
        var hold = (await grain.HoldAsync(new HoldSeats("alice", ["A2"], Dhaka, Jashore, "r1", SalesChannel.Online))).Hold!;
        var until = FakeClockClusterFixture.Clock.GetUtcNow().AddHours(1);

        var extended = await grain.ExtendHoldAsync(hold.HoldId, until);
        var again = await grain.ExtendHoldAsync(hold.HoldId, until.AddMinutes(5));

        Assert.Null(extended.Failure);
        Assert.Equal((until, true), (extended.Hold!.ExpiresAt, extended.Hold.Extended));
        Assert.Equal(until, (await grain.GetHoldAsync(hold.HoldId))!.ExpiresAt);
        Assert.Equal(TripErrorCode.AlreadyExtended, again.Failure!.Code);
    }

    [Fact]
    public async Task ChangeSaleSeats_MovesTheSaleToTheNewSeats()
    {
        var grain = await ScheduledAsync();
        var sale = await SellAsync(grain, "B1");

        var moved = await grain.ChangeSaleSeatsAsync(new ChangeSaleSeats(sale.SaleId, ["B1"], ["B2"]));

        Assert.Null(moved.Failure);
        Assert.Equal(["B2"], moved.Sale!.Seats);
        var map = await MapAsync(grain);
        Assert.Equal((SeatState.Free, SeatState.Sold), (Seat(map, "B1").State, Seat(map, "B2").State));
    }

    [Fact]
    public async Task ReleaseSaleSeats_FreesOnlyTheNamedSeats_AndAnUnknownSaleIsRefused()
    {
        var grain = await ScheduledAsync();
        var sale = await SellAsync(grain, "C1", "C2");

        var released = await grain.ReleaseSaleSeatsAsync(sale.SaleId, ["C2"]);

        Assert.Null(released.Failure);
        var map = await MapAsync(grain);
        Assert.Equal((SeatState.Sold, SeatState.Free), (Seat(map, "C1").State, Seat(map, "C2").State));
        Assert.NotNull((await grain.ChangeSaleSeatsAsync(new ChangeSaleSeats(Guid.NewGuid(), ["C1"], ["C3"]))).Failure);
    }

    [Fact]
    public async Task CorrectSaleGender_ShowsOnTheMap_WithTheVersionOfItsChange()
    {
        var grain = await ScheduledAsync();
        var sale = await SellAsync(grain, "D1", "D2");
        var before = (await MapAsync(grain)).Version;

        var corrected = await grain.CorrectSaleGenderAsync(sale.SaleId, new SeatGender("D2", Gender.Female));
        var unknown = await grain.CorrectSaleGenderAsync(Guid.NewGuid(), new SeatGender("D2", Gender.Female));

        Assert.Null(corrected.Failure);
        Assert.Equal(before + 1, corrected.Version);
        var map = await MapAsync(grain);
        Assert.Equal((Gender.Male, Gender.Female), (Seat(map, "D1").Gender, Seat(map, "D2").Gender));
        Assert.Equal(TripErrorCode.SaleNotFound, unknown.Failure!.Code);
        Assert.Equal(corrected.Version, unknown.Version);
    }

    [Fact]
    public async Task Block_ThenUnblock_TheSeatIsBlockedThenFree()
    {
        var grain = await ScheduledAsync();
        var seats = new BlockSeats(["E1"], Dhaka, Kolkata, "broken seat");

        Assert.Null((await grain.BlockAsync(seats)).Failure);
        var blocked = Seat(await MapAsync(grain), "E1").State;
        Assert.Null((await grain.UnblockAsync(seats)).Failure);

        Assert.Equal(SeatState.Blocked, blocked);
        Assert.Equal(SeatState.Free, Seat(await MapAsync(grain), "E1").State);
    }

    [Fact]
    public async Task ReleaseHoldsOfPhone_ReleasesOnlyThatPhonesHolds_AndAgainReleasesNothing()
    {
        var grain = await ScheduledAsync();
        var phone = NewPhone();
        HoldSeats Online(string seat, string? holderPhone) =>
            new($"session-{Guid.NewGuid():N}", [seat], Dhaka, Jashore, Guid.NewGuid().ToString("N"), SalesChannel.Online, holderPhone);
        var mine = new[]
        {
            (await grain.HoldAsync(Online("F1", phone))).Hold!.HoldId,
            (await grain.HoldAsync(Online("F2", phone))).Hold!.HoldId,
        };
        Assert.Null((await grain.HoldAsync(Online("F3", NewPhone()))).Failure);
        Assert.Null((await grain.HoldAsync(Online("F4", null))).Failure);

        var released = await grain.ReleaseHoldsOfPhoneAsync(phone);
        var again = await grain.ReleaseHoldsOfPhoneAsync(phone);

        Assert.Equal(mine.Order(), released.Select(h => h.HoldId).Order());
        Assert.Empty(again);
        var map = await MapAsync(grain);
        Assert.Equal([SeatState.Free, SeatState.Free, SeatState.Held, SeatState.Held],
            new[] { "F1", "F2", "F3", "F4" }.Select(s => Seat(map, s).State));
    }

    [Fact]
    public async Task CancelledTrip_IsListedUnsettled_UntilItsLastBookingIsSettled()
    {
        var grain = await ScheduledAsync();
        var tripId = grain.GetPrimaryKeyString();
        var first = await SellAsync(grain, "G1");
        var second = await SellAsync(grain, "G2");
        var unsettled = fixture.Grains.GetGrain<IUnsettledCancellationsGrain>(IUnsettledCancellationsGrain.Key);
        Assert.Null(await grain.GetCancellationAsync());

        var cancelled = (await grain.CancelTripAsync(new CancelTrip("ops-1", "flood"))).Cancellation!;
        var listedWhileCancelled = (await unsettled.ListAsync()).Contains(tripId);
        await grain.RefundSettledAsync(first.BookingRef);
        var listedWithOneLeft = (await unsettled.ListAsync()).Contains(tripId);
        var unknown = await grain.RefundSettledAsync("DP-NOPE00");
        var last = await grain.RefundSettledAsync(second.BookingRef);

        var read = (await grain.GetCancellationAsync())!;
        Assert.Equal((cancelled.CancelledAt, "ops-1", "flood"), (read.CancelledAt, read.Actor, read.Reason));
        Assert.True(listedWhileCancelled);
        Assert.True(listedWithOneLeft);
        Assert.Equal([second.BookingRef], unknown!.Outstanding);
        Assert.Empty(last!.Outstanding);
        Assert.Equal(new[] { first.BookingRef, second.BookingRef }, last.Settled);
        Assert.DoesNotContain(tripId, await unsettled.ListAsync());
    }
}
