namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// The bookings that owe money back which no refund has been reported for yet (their own refund or a ticket change's),
/// so a background sweep of the frontend pays them back even if the request that should have did not (the frontend
/// stopped midway, the payment provider was down). One instance, keyed <see cref="Key"/>. A booking lists itself
/// before it stores a state that owes a refund and takes itself off once nothing is owed; the sweep also takes off a
/// booking it finds owing nothing (a listing whose write then failed).
/// </summary>
[Alias("DiuParibahan.IUnsettledRefundsGrain")]
public interface IUnsettledRefundsGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds a booking (idempotent).</summary>
    [Alias("Add")]
    Task AddAsync(string pnr);

    /// <summary>Removes a booking (idempotent).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string pnr);

    /// <summary>The bookings to look at, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
