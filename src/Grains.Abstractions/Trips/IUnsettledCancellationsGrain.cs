namespace DiuParibahan.Grains.Trips;

/// <summary>
/// The trips whose cancellation may still owe refunds, so a background sweep can finish them even if nobody re-issues
/// the cancel (the frontend stopped midway, the payment provider was down). One instance, keyed <see cref="Key"/>.
/// A trip is added before its cancellation is stored and removed once every booking is settled.
/// </summary>
[Alias("DiuParibahan.IUnsettledCancellationsGrain")]
public interface IUnsettledCancellationsGrain : IGrainWithStringKey
{
    public const string Key = "all";

    /// <summary>Adds a trip (idempotent).</summary>
    [Alias("Add")]
    Task AddAsync(string tripId);

    /// <summary>Removes a trip (idempotent).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string tripId);

    /// <summary>The trips to look at, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
