using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// The PNRs one clerk sold at the counter on one service day (Asia/Dhaka), in sale order; keyed by
/// <see cref="KeyFor"/>. The day-end summary reads these bookings, so a cancellation drops out by itself.
/// </summary>
[Alias("DiuParibahan.IClerkDayGrain")]
public interface IClerkDayGrain : IGrainWithStringKey
{
    /// <summary>Adds a PNR (idempotent).</summary>
    [Alias("Add")]
    Task AddAsync(string pnr);

    /// <summary>The day's PNRs, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();

    static string KeyFor(string clerkId, DateOnly day) => $"{clerkId}/{ServiceDay.Key(day)}";
}
