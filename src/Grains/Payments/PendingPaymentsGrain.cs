namespace DiuParibahan.Grains.Payments;

/// <summary>
/// A small persisted map of wallet payments in flight. Every change is stored before it is acknowledged, so an
/// execute marked as begun stays marked across a crash, and two frontends can never both win the same claim.
/// </summary>
public sealed class PendingPaymentsGrain(
    [PersistentState("pendingPayments", StorageNames.Default)] IPersistentState<PendingPaymentsState> store)
    : Grain, IPendingPaymentsGrain
{
    private Dictionary<string, PendingPayment> Payments => store.State.Payments;

    public async Task AddAsync(PendingPayment payment)
    {
        if (Payments.TryAdd(payment.Reference, payment))
        {
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public Task<PendingPayment?> FindAsync(string reference) => Task.FromResult(Payments.GetValueOrDefault(reference));

    public async Task<bool> TryBeginExecuteAsync(string reference)
    {
        if (!Payments.TryGetValue(reference, out var payment) || payment.ExecuteSent)
        {
            return false;
        }
        Payments[reference] = payment with { ExecuteSent = true };
        await store.WriteOrDeactivateAsync(this);
        return true;
    }

    public async Task ExecuteRefusedAsync(string reference)
    {
        if (Payments.TryGetValue(reference, out var payment) && payment.ExecuteSent)
        {
            Payments[reference] = payment with { ExecuteSent = false };
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public async Task<IReadOnlyList<PendingPayment>> ClaimDueAsync(DateTimeOffset createdBefore, DateTimeOffset now, TimeSpan lease, int max)
    {
        var due = Payments.Values
            .Where(p => p.CreatedAt <= createdBefore && (p.ClaimedUntil is null || p.ClaimedUntil <= now))
            .OrderBy(p => p.CreatedAt)
            .Take(max)
            .Select(p => p with { ClaimedUntil = now + lease })
            .ToList();
        if (due.Count == 0)
        {
            return [];
        }
        foreach (var payment in due)
        {
            Payments[payment.Reference] = payment;
        }
        await store.WriteOrDeactivateAsync(this);
        return due;
    }

    public async Task RemoveAsync(string reference)
    {
        if (Payments.Remove(reference))
        {
            await store.WriteOrDeactivateAsync(this);
        }
    }
}
