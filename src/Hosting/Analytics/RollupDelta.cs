namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// What a batch of events adds to the rollup tables: one entry per table key, counts already summed, so each key is
/// written once per batch. Produced by <see cref="AnalyticsFold"/>, applied by <see cref="RollupStore"/>.
/// </summary>
public sealed class RollupDelta
{
    public Dictionary<(DateOnly Day, string RouteId, string Channel), SalesCell> Sales { get; } = [];
    public Dictionary<(DateOnly Day, string RouteId), HoldsCell> Holds { get; } = [];
    public Dictionary<(DateOnly DepartureDay, string TripId, int Leg), LegCell> Legs { get; } = [];
    public Dictionary<(DateOnly Day, int Hour), TrafficCell> Traffic { get; } = [];
    public Dictionary<(DateOnly Day, string StopId), BoardingCell> Boarding { get; } = [];
    public Dictionary<(DateOnly Day, string RouteCode, string Channel), MoneyCell> Money { get; } = [];

    /// <summary>The latest state of each booking seen in the batch, by PNR.</summary>
    public Dictionary<string, BookingIndexEntry> Bookings { get; } = [];

    /// <summary>Events whose payload could not be read and were left out.</summary>
    public int Skipped { get; set; }

    public bool IsEmpty => Sales.Count == 0 && Holds.Count == 0 && Legs.Count == 0 && Traffic.Count == 0 && Boarding.Count == 0
                           && Bookings.Count == 0 && Money.Count == 0;

    public sealed class SalesCell(string routeCode)
    {
        public string RouteCode { get; } = routeCode;
        public long Bookings { get; set; }
        public long Seats { get; set; }
        public long Revenue { get; set; }
        public long Cancellations { get; set; }
        public long CancelledSeats { get; set; }
    }

    /// <summary>What booking events add to a day's sales: see <c>0060_money_rollup.sql</c>.</summary>
    public sealed class MoneyCell
    {
        public long Changes { get; set; }
        public long BookingCorrection { get; set; }
        public long SeatCorrection { get; set; }
        public long CancellationCorrection { get; set; }
        public decimal GrossCorrection { get; set; }
        public decimal ChangeDifference { get; set; }
        public decimal Refunds { get; set; }
    }

    public sealed class HoldsCell
    {
        public long Created { get; set; }
        public long Rejected { get; set; }
        public long Confirmed { get; set; }
        public long Released { get; set; }
        public long Expired { get; set; }
    }

    public sealed class LegCell(string routeId, string routeCode, DateTimeOffset departure, string fromStop, string toStop, int capacity)
    {
        public string RouteId { get; } = routeId;
        public string RouteCode { get; } = routeCode;
        public DateTimeOffset Departure { get; } = departure;
        public string FromStop { get; } = fromStop;
        public string ToStop { get; } = toStop;
        public int Capacity { get; } = capacity;
        public long SeatsSold { get; set; }
    }

    public sealed class TrafficCell
    {
        public long Searches { get; set; }
        public long Holds { get; set; }
    }

    public sealed class BoardingCell
    {
        public long Bookings { get; set; }
        public long Seats { get; set; }
    }
}
