using DiuParibahan.Grains.Queue;

namespace DiuParibahan.Grains.Queue;

/// <summary>
/// The persisted queue of one sale window. Bounded by <see cref="Domain.WaitingRoom.MaxWaiters"/>: one phone per
/// place, admissions only for places already admitted. The place of a phone is its index in <see cref="Line"/> plus one.
/// Stored by <see cref="WaitingRoomStore"/>: the grain's own record holds only the phones after the full segments
/// (<see cref="StoredEarly"/>, <see cref="StoredLine"/>), which are stored under names of their own.
/// </summary>
[GenerateSerializer, Alias("WaitingRoomState")]
public sealed class WaitingRoomState
{
    [Id(0)] public SaleWindow? Window { get; set; }

    /// <summary>Seed of the opening lottery, drawn once when the window is first configured.</summary>
    [Id(1)] public int Seed { get; set; }

    [Id(2)] public QueuePhase Phase { get; set; } = QueuePhase.Announced;

    /// <summary>Phones that joined before the opening, in arrival order (emptied into <see cref="Line"/> by the lottery).</summary>
    [Id(3)] public List<string> Early { get; set; } = [];

    /// <summary>Phones in place order: the lottery's permutation of the early phones, then later joins as they came.</summary>
    [Id(4)] public List<string> Line { get; set; } = [];

    /// <summary>Admitted phones and when their admission runs out.</summary>
    [Id(5)] public Dictionary<string, DateTimeOffset> Admissions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Places admitted so far: <see cref="Line"/>[..Head] have had their turn.</summary>
    [Id(6)] public int Head { get; set; }

    /// <summary>
    /// Admission time earned but not yet spent, in ticks (a token bucket filled by the clock, at most a minute's worth);
    /// each admission spends one interval of a minute over the window's rate. Whole ticks, so no rounding drifts.
    /// </summary>
    [Id(7)] public long EarnedTicks { get; set; }

    /// <summary>When <see cref="EarnedTicks"/> were last topped up.</summary>
    [Id(8)] public DateTimeOffset CreditsAt { get; set; }

    [Id(9)] public int? SeatsLeft { get; set; }

    /// <summary>
    /// The newest count of seats left per trip (by trip version) from any frontend; <see cref="SeatsLeft"/> is their sum.
    /// </summary>
    [Id(11)] public Dictionary<string, TripSeatsLeft> TripSeats { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Grows with every change the live view shows.</summary>
    [Id(10)] public long Version { get; set; }

    /// <summary>In the stored record: how many of the first phones of <see cref="Early"/> are in full segments, not in the record.</summary>
    [Id(12)] public int StoredEarly { get; set; }

    /// <summary>In the stored record: how many of the first phones of <see cref="Line"/> are in full segments, not in the record.</summary>
    [Id(13)] public int StoredLine { get; set; }
}
