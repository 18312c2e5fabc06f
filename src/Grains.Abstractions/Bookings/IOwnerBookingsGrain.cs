namespace DiuParibahan.Grains.Bookings;

/// <summary>The PNRs one owner (anonymous visitor or user) has booked, newest last; keyed by owner id.</summary>
[Alias("DiuParibahan.IOwnerBookingsGrain")]
public interface IOwnerBookingsGrain : IGrainWithStringKey
{
    /// <summary>Adds a PNR (idempotent).</summary>
    [Alias("Add")]
    Task AddAsync(string pnr);

    /// <summary>The owner's PNRs, at most the most recent <c>100</c>.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
