namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// Which legs of each seat are taken (held, sold or blocked) at <paramref name="Version"/>: one bit mask per seat of the
/// layout, in layout order, bit i set when leg i (stop i to stop i+1) is occupied. Enough to count free seats on any
/// leg interval without asking the trip.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripAvailability")]
public sealed record TripAvailability(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<long> SeatLegMasks,
    [property: Id(2)] bool Cancelled)
{
    /// <summary>Seats free on every leg from stop index <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int FreeSeats(int from, int to)
    {
        var legs = LegMask(from, to);
        var free = 0;
        foreach (var mask in SeatLegMasks)
        {
            if ((mask & legs) == 0)
            {
                free++;
            }
        }
        return free;
    }

    /// <summary>Bits for legs from..to-1.</summary>
    public static long LegMask(int from, int to) => ((1L << (to - from)) - 1) << from;
}

/// <summary>A departure on a service day with its latest known availability (null until the trip has reported).</summary>
[GenerateSerializer, Immutable, Alias("Departure")]
public sealed record Departure(
    [property: Id(0)] TripDefinition Trip,
    [property: Id(1)] TripAvailability? Availability);
