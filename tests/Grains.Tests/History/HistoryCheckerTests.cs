using DiuParibahan.Testing.History;

namespace DiuParibahan.Grains.Tests.History;

/// <summary>The history checker on handmade histories: it must catch real violations and accept every legal order.</summary>
public sealed class HistoryCheckerTests
{
    private const string Trip = "T1";

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static Operation Hold(string seat, int from, int to, double start, double end, string holdId, double expiresAt = 60_000) =>
        new(Trip, OperationKind.Hold, [seat], from, to, Ms(start), Ms(end), OperationOutcome.Acknowledged, [], holdId, Ms(expiresAt));

    private static Operation Sale(string seat, int from, int to, double start, double end) =>
        new(Trip, OperationKind.Sell, [seat], from, to, Ms(start), Ms(end), OperationOutcome.Acknowledged, [], null, null);

    private static Operation Refusal(string[] seats, int from, int to, double start, double end, params string[] conflicts) =>
        new(Trip, OperationKind.Hold, seats, from, to, Ms(start), Ms(end), OperationOutcome.Refused, conflicts, null, null);

    private static Operation Release(string holdId, double start, double end, OperationOutcome outcome = OperationOutcome.Acknowledged) =>
        new(Trip, OperationKind.Release, [], 0, 0, Ms(start), Ms(end), outcome, [], holdId, null);

    private static Operation Confirm(string holdId, double start, double end, OperationOutcome outcome = OperationOutcome.Acknowledged) =>
        new(Trip, OperationKind.Confirm, [], 0, 0, Ms(start), Ms(end), outcome, [], holdId, null);

    private static HistoryReport Verify(params Operation[] operations) =>
        HistoryChecker.Check(operations, [], TimeSpan.FromMilliseconds(100));

    [Fact]
    public void Verify_ValidHistoryOfHoldsReleasesRefusalsAndLegSharing_IsClean()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1"),
            Refusal(["A1", "A2"], 1, 3, 20, 25, "A1"),
            Release("h1", 30, 35),
            Hold("A1", 0, 3, 40, 45, "h2"),
            Sale("B1", 0, 1, 0, 5),
            Sale("B1", 1, 3, 6, 9));

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(4, report.AcknowledgedOccupations);
        Assert.Equal(1, report.RefusalsChecked);
    }

    [Fact]
    public void Verify_ConfirmedHoldOutlivingItsExpiry_StillOccupiesTheSeat()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1", expiresAt: 1_000),
            Confirm("h1", 20, 30),
            Sale("A1", 1, 2, 5_000, 5_010));

        var violation = Assert.Single(report.Violations);
        Assert.Equal(HistoryChecker.DoubleOccupation, violation.Rule);
    }

    [Fact]
    public void Verify_RefusalNamingASeatWhoseHoldMayHaveBeenConfirmed_IsNotAFalseRefusal()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1", expiresAt: 1_000),
            Confirm("h1", 20, 30, OperationOutcome.Error),
            Refusal(["A1"], 0, 1, 5_000, 5_010, "A1"));

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void Verify_SeatSoldTwiceOnOverlappingLegs_ReportsADoubleOccupation()
    {
        var report = Verify(
            Sale("A1", 0, 2, 0, 10),
            Sale("A1", 1, 3, 20, 30));

        var violation = Assert.Single(report.Violations);
        Assert.Equal(HistoryChecker.DoubleOccupation, violation.Rule);
        Assert.Equal(1, report.Overlaps);
    }

    [Fact]
    public void Verify_HoldAcknowledgedWhileAnotherWasCertainlyHeld_ReportsADoubleOccupation()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1"),
            Hold("A1", 0, 2, 15, 20, "h2"),
            Release("h1", 50, 55));

        Assert.Equal(HistoryChecker.DoubleOccupation, Assert.Single(report.Violations).Rule);
    }

    [Fact]
    public void Verify_HoldAfterThePreviousOneExpired_IsClean()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1", expiresAt: 1_000),
            Hold("A1", 0, 2, 1_050, 1_060, "h2"));

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void Verify_RefusalNamingASeatNothingHeld_ReportsAFalseRefusal()
    {
        var report = Verify(
            Hold("A1", 0, 1, 0, 10, "h1"),
            Refusal(["A1"], 1, 3, 20, 25, "A1"),
            Refusal(["A2"], 0, 3, 20, 25, "A2"));

        Assert.Equal(2, report.Violations.Count);
        Assert.All(report.Violations, v => Assert.Equal(HistoryChecker.FalseRefusal, v.Rule));
    }

    [Fact]
    public void Verify_RefusalAfterTheHolderWasReleased_ReportsAFalseRefusal()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1"),
            Release("h1", 20, 25),
            Refusal(["A1"], 0, 2, 30, 35, "A1"));

        Assert.Equal(HistoryChecker.FalseRefusal, Assert.Single(report.Violations).Rule);
    }

    [Fact]
    public void Verify_RefusalNamingASeatItDidNotAskFor_ReportsAFalseRefusal()
    {
        var report = Verify(
            Sale("A1", 0, 2, 0, 10),
            Refusal(["A2"], 0, 2, 20, 25, "A1"));

        Assert.Equal(HistoryChecker.FalseRefusal, Assert.Single(report.Violations).Rule);
    }

    [Fact]
    public void Verify_ConcurrentHoldsTheTripMayOrderEitherWay_IsClean()
    {
        // h2 was sent before h1's release was answered, and h1 was sent while h0 was being released: every
        // acknowledgement and refusal here fits some serial order, though not the order in which requests were sent.
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h0"),
            Release("h0", 20, 40),
            Hold("A1", 0, 2, 25, 30, "h1"),
            Refusal(["A1"], 0, 2, 26, 50, "A1"),
            Release("h1", 60, 70),
            Hold("A1", 1, 3, 65, 80, "h2"),
            Refusal(["A1"], 1, 2, 66, 90, "A1"));

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void Verify_RefusalExplainedOnlyByARequestThatEndedInAnError_IsClean()
    {
        var failed = new Operation(Trip, OperationKind.Hold, ["A1"], 0, 2, Ms(0), Ms(10), OperationOutcome.Error, [], null, null);

        var report = Verify(failed, Refusal(["A1"], 0, 2, 500, 510, "A1"));

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void Verify_RepeatedAcknowledgementOfTheSameHold_IsNotADoubleOccupation()
    {
        var report = Verify(
            Hold("A1", 0, 2, 0, 10, "h1"),
            Hold("A1", 0, 2, 12, 20, "h1"));

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void Verify_SeatMapConsistentWithTheHistory_IsClean_AndOneShowingAHeldSeatFree_IsNot()
    {
        var operations = new[] { Hold("A1", 0, 2, 0, 10, "h1"), Sale("A2", 1, 2, 0, 10) };
        var good = new SeatMapObservation(Trip, 0, 2, Ms(20), Ms(25), new Dictionary<string, bool> { ["A1"] = true, ["A2"] = true, ["A3"] = false });
        var bad = new SeatMapObservation(Trip, 0, 1, Ms(20), Ms(25), new Dictionary<string, bool> { ["A1"] = false, ["A2"] = true });

        Assert.True(HistoryChecker.Check(operations, [good], TimeSpan.Zero).IsClean);
        var report = HistoryChecker.Check(operations, [bad], TimeSpan.Zero);
        Assert.Equal(2, report.Violations.Count);
        Assert.All(report.Violations, v => Assert.Equal(HistoryChecker.SeatMap, v.Rule));
    }

    private static SeatMapObservation Read(double start, double end, long version, string client = "c1") =>
        new(Trip, 0, 1, Ms(start), Ms(end), new Dictionary<string, bool>(), version, client);

    [Fact]
    public void Verify_ClientReadingAnOlderVersionAfterANewerOneWasAnswered_IsAMonotonicReadViolation()
    {
        var report = HistoryChecker.Check([], [Read(0, 5, 7), Read(10, 12, 6)], TimeSpan.Zero);

        Assert.Equal(HistoryChecker.MonotonicRead, Assert.Single(report.Violations).Rule);
    }

    [Fact]
    public void Verify_OverlappingReads_OtherClients_AndUnversionedReads_MayShowOlderVersions()
    {
        var report = HistoryChecker.Check([],
        [
            // Sent before the newer read was answered: either order is legal.
            Read(0, 5, 7), Read(4, 9, 6),
            // Another client has its own session.
            Read(20, 21, 3, "c2"),
            // A read without a version (a system that does not say) is not checked.
            new SeatMapObservation(Trip, 0, 1, Ms(30), Ms(31), new Dictionary<string, bool>()),
            Read(40, 41, 7), Read(50, 51, 9),
        ], TimeSpan.Zero);

        Assert.True(report.IsClean, report.ToString());
    }

    [Fact]
    public void Verify_ReplicaMapLaggingWithinTheStalenessBound_IsClean_ButTheSameMapFromTheGrainIsNot()
    {
        // A1 is held from 10 ms; a map sent at 12 ms still shows it free.
        var operations = new[] { Hold("A1", 0, 1, 0, 10, "h1") };
        var lagging = new SeatMapObservation(Trip, 0, 1, Ms(12), Ms(14), new Dictionary<string, bool> { ["A1"] = false }, 1, "c1", FromReplica: true);

        Assert.True(HistoryChecker.Check(operations, [lagging], TimeSpan.Zero, replicaStaleness: Ms(5)).IsClean);
        Assert.Equal(HistoryChecker.SeatMap, Assert.Single(
            HistoryChecker.Check(operations, [lagging with { FromReplica = false }], TimeSpan.Zero, replicaStaleness: Ms(5)).Violations).Rule);
        Assert.Equal(HistoryChecker.SeatMap, Assert.Single(
            HistoryChecker.Check(operations, [lagging with { Start = Ms(20), End = Ms(21) }], TimeSpan.Zero, replicaStaleness: Ms(5)).Violations).Rule);
    }

    [Fact]
    public async Task Recorder_ConcurrentClients_RecordEveryOperationOnOneClock()
    {
        var history = new OperationHistory();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(client => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                var seat = $"S{client}-{i}";
                var pending = history.Begin(Trip, OperationKind.Hold, [seat], 0, 1);
                pending.Acknowledged(seat, DateTimeOffset.UtcNow.AddMinutes(1));
                history.BeginRelease(Trip, seat).Acknowledged();
            }
        })));

        Assert.Equal(16_000, history.Operations.Count);
        Assert.All(history.Operations, o => Assert.True(o.Start <= o.End));
        var hold = history.Operations.First(o => o.Kind == OperationKind.Hold);
        Assert.InRange(hold.ExpiresAt!.Value - hold.End, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70));
        Assert.True(history.Verify().IsClean);
    }
}
