namespace DiuParibahan.Grains.Payments;

/// <summary>
/// The payments of one redirect-based provider (keyed by its name, e.g. <c>bkash</c>) that were created and not yet
/// settled, so a callback can be matched to its booking and a reconciler on any frontend can settle the ones whose
/// callback never came. The grain holds no provider logic and makes no provider calls; its turns only make the
/// "who executes" and "who checks" decisions atomic across frontends. Entries are removed once settled or given up,
/// so the list stays as short as the payments in flight.
/// </summary>
[Alias("DiuParibahan.IPendingPaymentsGrain")]
public interface IPendingPaymentsGrain : IGrainWithStringKey
{
    /// <summary>Records a created payment; idempotent (an existing entry for the reference is kept as it is).</summary>
    [Alias("Add")]
    Task AddAsync(PendingPayment payment);

    /// <summary>The entry for <paramref name="reference"/>, or null if there is none (unknown or already settled).</summary>
    [Alias("Find")]
    Task<PendingPayment?> FindAsync(string reference);

    /// <summary>
    /// True exactly once per payment until <see cref="ExecuteRefusedAsync"/>: the caller may send the execute. The
    /// entry is marked (and stored) before the answer, so an execute whose answer is lost is never sent twice.
    /// </summary>
    [Alias("TryBeginExecute")]
    Task<bool> TryBeginExecuteAsync(string reference);

    /// <summary>The provider answered the execute with a definite refusal (nothing was charged): it may be sent again later.</summary>
    [Alias("ExecuteRefused")]
    Task ExecuteRefusedAsync(string reference);

    /// <summary>
    /// Up to <paramref name="max"/> entries created at or before <paramref name="createdBefore"/> that nobody has
    /// claimed (or whose claim ran out) at <paramref name="now"/>, each claimed until <paramref name="now"/> +
    /// <paramref name="lease"/>; oldest first.
    /// </summary>
    [Alias("ClaimDue")]
    Task<IReadOnlyList<PendingPayment>> ClaimDueAsync(DateTimeOffset createdBefore, DateTimeOffset now, TimeSpan lease, int max);

    /// <summary>Removes a settled or abandoned entry (idempotent).</summary>
    [Alias("Remove")]
    Task RemoveAsync(string reference);
}
