using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>One phone across trips: the overall held-seat cap, the cool-off after unpaid lapses, and ops blocks.</summary>
public sealed class PhoneLedgerTests
{
    private const string Phone = "+8801712345678";
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(10);
    private static readonly HolderAction Ops = new("user-1", "ops@diuparibahan.local", "ops", "hoarding");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly PhoneState _state = new();
    private readonly PhoneLedger _ledger;

    public PhoneLedgerTests() => _ledger = new PhoneLedger(_state, new PassengerQuotas());

    private DateTimeOffset Now => _clock.GetUtcNow();

    private TripFailure? Admit(string trip, int seats, string? key = null) =>
        _ledger.Admit(new PhoneHoldRequest(trip, key ?? Guid.NewGuid().ToString("N"), seats, Now + HoldFor), Now).Failure;

    /// <summary>Admits and places a hold, as a trip does when it applies it.</summary>
    private Guid Hold(string trip, int seats)
    {
        var key = Guid.NewGuid().ToString("N");
        Assert.Null(Admit(trip, seats, key));
        var holdId = Guid.NewGuid();
        Assert.True(_ledger.Placed(new PhoneHoldPlaced(trip, key, holdId, seats, Now + HoldFor), Now));
        return holdId;
    }

    [Fact]
    public void SixSeatsHeldOverThreeTrips_ThenOneMoreAnywhere_IsRefusedNamingTheOverallLimit()
    {
        Hold("T1", 2);
        Hold("T2", 2);
        var third = Hold("T3", 2);

        var refused = Admit("T4", 1)!;

        Assert.Equal(TripErrorCode.QuotaExceeded, refused.Code);
        Assert.Equal(QuotaLimits.HeldSeatsOverall, refused.Quota!.Limit);
        Assert.Equal(6, refused.Quota.Max);
        Assert.Equal(6, _ledger.Summary(Phone, Now).HeldSeats(Now));

        _ledger.Ended("T3", third, PhoneHoldEnd.Confirmed, Now);
        Assert.Null(Admit("T4", 2));
    }

    [Fact]
    public void AdmittingTheSameReservationTwice_CountsItOnce()
    {
        Assert.Null(Admit("T1", 4, "alice|r1"));
        Assert.Null(Admit("T1", 4, "alice|r1"));

        Assert.Equal(4, _ledger.Summary(Phone, Now).HeldSeats(Now));
        Assert.Null(Admit("T2", 2));
    }

    [Fact]
    public void ReservationNeverPlaced_StopsCountingAtItsExpiry()
    {
        Assert.Null(Admit("T1", 6));
        Assert.NotNull(Admit("T2", 1));

        _clock.Advance(HoldFor);

        Assert.Null(Admit("T2", 1));
    }

    [Fact]
    public void DroppedReservation_IsFreedAtOnce()
    {
        Assert.Null(Admit("T1", 6, "k1"));

        Assert.True(_ledger.Dropped("T1", "k1", Now));

        Assert.Null(Admit("T2", 6));
    }

    [Fact]
    public void ThreeUnpaidExpiriesIn24Hours_StartAThirtyMinuteCoolOff_ThatLiftsAfterwards()
    {
        _ledger.Ended("T1", Hold("T1", 1), PhoneHoldEnd.Expired, Now);
        _clock.Advance(TimeSpan.FromHours(10));
        _ledger.Ended("T2", Hold("T2", 1), PhoneHoldEnd.Expired, Now);
        _clock.Advance(TimeSpan.FromHours(10));
        Assert.Null(Admit("T9", 1, "still-fine"));
        _ledger.Dropped("T9", "still-fine", Now);
        var third = Hold("T3", 1);
        _ledger.Ended("T3", third, PhoneHoldEnd.Expired, Now);
        var lapsedAt = Now;

        _clock.Advance(TimeSpan.FromMinutes(10));
        var refused = Admit("T4", 1)!;

        Assert.Equal(TripErrorCode.HoldCooloff, refused.Code);
        Assert.Equal(lapsedAt + TimeSpan.FromMinutes(30), refused.Quota!.Until);
        Assert.Equal(20 * 60, refused.Quota.RetryAfterSeconds);
        Assert.Equal(3, _ledger.Summary(Phone, Now).Lapses.Count);

        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Null(Admit("T4", 1));
    }

    [Fact]
    public void LapsesSpreadOverMoreThan24Hours_OrPaidAndReleasedHolds_DoNotStartACoolOff()
    {
        _ledger.Ended("T1", Hold("T1", 1), PhoneHoldEnd.Expired, Now);
        _clock.Advance(TimeSpan.FromHours(13));
        _ledger.Ended("T2", Hold("T2", 1), PhoneHoldEnd.Expired, Now);
        _clock.Advance(TimeSpan.FromHours(12));
        var third = Hold("T3", 1);
        _ledger.Ended("T3", third, PhoneHoldEnd.Expired, Now);
        // The same expiry reported twice is one lapse.
        _ledger.Ended("T3", third, PhoneHoldEnd.Expired, Now);
        _ledger.Ended("T4", Hold("T4", 1), PhoneHoldEnd.Released, Now);
        _ledger.Ended("T5", Hold("T5", 1), PhoneHoldEnd.Confirmed, Now);

        Assert.Null(Admit("T6", 1));
        Assert.Equal(2, _ledger.Summary(Phone, Now).Lapses.Count);
    }

    [Fact]
    public void Block_RefusesNewHoldsWithReasonAndUntil_AndUnblockLiftsIt()
    {
        var until = Now.AddDays(1);
        Assert.True(_ledger.Block(Ops, until, Now));

        var refused = Admit("T1", 1)!;

        Assert.Equal(TripErrorCode.PhoneBlocked, refused.Code);
        Assert.Equal(until, refused.Quota!.Until);
        Assert.Equal("hoarding", refused.Quota.Reason);
        Assert.Equal(HolderAuditKinds.Blocked, Assert.Single(_state.PendingAudit).Kind);

        Assert.True(_ledger.Unblock(Ops with { Reason = "" }, Now));
        Assert.Null(Admit("T1", 1));
        Assert.Equal(HolderAuditKinds.Unblocked, _state.PendingAudit[^1].Kind);
        Assert.False(_ledger.Unblock(Ops, Now));
    }

    [Fact]
    public void Block_EndsByItselfAtItsUntil()
    {
        _ledger.Block(Ops, Now.AddHours(2), Now);
        Assert.NotNull(Admit("T1", 1));

        _clock.Advance(TimeSpan.FromHours(2));

        Assert.Null(Admit("T1", 1));
        Assert.Null(_ledger.Summary(Phone, Now).Block);
    }

    [Fact]
    public void PlacedArrivingAfterTheHoldEnded_DoesNotBringItBack()
    {
        Assert.Null(Admit("T1", 3, "k1"));
        var holdId = Guid.NewGuid();
        _ledger.Ended("T1", holdId, PhoneHoldEnd.Released, Now);
        _ledger.Dropped("T1", "k1", Now);

        Assert.False(_ledger.Placed(new PhoneHoldPlaced("T1", "k1", holdId, 3, Now + HoldFor), Now));

        Assert.Equal(0, _ledger.Summary(Phone, Now).HeldSeats(Now));
    }

    [Fact]
    public void Extension_KeepsTheHoldCountedUntilItsNewExpiry()
    {
        var holdId = Hold("T1", 6);
        _ledger.Extended("T1", holdId, Now + TimeSpan.FromMinutes(25), Now);

        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.NotNull(Admit("T2", 1));
        Assert.Equal(6, _ledger.Summary(Phone, Now).HeldSeats(Now));
    }

    [Fact]
    public void Summary_CountsHoldsInTheLastHourAndTripsAndIsNotableWhileAnyCounts()
    {
        Hold("T1", 2);
        Hold("T1", 1);
        Hold("T2", 1);

        var summary = _ledger.Summary(Phone, Now);
        Assert.Equal(4, summary.HeldSeats(Now));
        Assert.Equal(2, summary.Trips(Now));
        Assert.Equal(3, summary.HoldsInLastHour(Now));
        Assert.True(summary.IsNotable(Now));

        _clock.Advance(TimeSpan.FromHours(1));
        var later = _ledger.Summary(Phone, Now);
        Assert.Equal(0, later.HeldSeats(Now));
        Assert.Equal(0, later.HoldsInLastHour(Now));
        Assert.False(later.IsNotable(Now));
    }

    [Fact]
    public void ReleasedByOps_ForgetsThoseTripsHoldsAndAuditsTheAction()
    {
        Hold("T1", 2);
        Hold("T2", 2);

        _ledger.ReleasedByOps(Ops, ["T1", "T2"], 2, 4, Now);

        Assert.Equal(0, _ledger.Summary(Phone, Now).HeldSeats(Now));
        var audit = Assert.Single(_state.PendingAudit);
        Assert.Equal(HolderAuditKinds.Released, audit.Kind);
        Assert.Equal("ops@diuparibahan.local", audit.Action.ActorLogin);
    }
}
