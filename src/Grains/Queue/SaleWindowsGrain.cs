using System.Security.Cryptography;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Grains.Queue;

/// <summary>
/// The registry of sale windows. Each change is checked by <see cref="SaleWindowRules"/>, stored, and then handed to
/// the window's queue grain, so a stored window is configured before the caller hears of it (a retried create with
/// the same request id configures it again). Not reentrant: changes run one at a time, so overlap checks see each other.
/// </summary>
public sealed class SaleWindowsGrain(
    [PersistentState("sale-windows", StorageNames.Default)] IPersistentState<SaleWindowsState> store,
    TimeProvider time)
    : Grain, ISaleWindowsGrain
{
    private const int MaxRequests = 500;

    public Task<IReadOnlyList<SaleWindow>> ListAsync() =>
        Task.FromResult<IReadOnlyList<SaleWindow>>(store.State.Windows.OrderByDescending(w => w.CreatedAt).ToList());

    public Task<SaleWindow?> GetAsync(string windowId) => Task.FromResult(Find(windowId));

    public async Task<SaleWindowResult> CreateAsync(SaleWindowInput input, string requestId)
    {
        if (store.State.Requests.FirstOrDefault(r => r.Key == requestId) is { Value: { } knownId } && Find(knownId) is { } known)
        {
            await Queue(known).ConfigureAsync(known);
            return SaleWindowResult.Of(known);
        }
        var now = time.GetUtcNow();
        if (SaleWindowRules.Check(input, await RouteIdsAsync(), store.State.Windows, now) is { } failure)
        {
            return new SaleWindowResult(null, failure);
        }
        var window = new SaleWindow(NewId(), [.. input.RouteIds], [.. input.TravelDates.Order()], input.OpensAt, input.AdmissionPerMinute,
            input.AdmissionValidity, SaleWindowStatus.Announced, now, null, input.CounterSeatsPerTrip);
        store.State.Windows.Add(window);
        store.State.Requests.Add(new(requestId, window.Id));
        if (store.State.Requests.Count > MaxRequests)
        {
            store.State.Requests.RemoveAt(0);
        }
        await store.WriteOrDeactivateAsync(this);
        await Queue(window).ConfigureAsync(window);
        return SaleWindowResult.Of(window);
    }

    public async Task<SaleWindowResult> ChangeAsync(string windowId, SaleWindowInput input)
    {
        var now = time.GetUtcNow();
        if (Find(windowId) is not { } current)
        {
            return NotFound();
        }
        if (current.Status == SaleWindowStatus.Closed)
        {
            return SaleWindowResult.Refused(SaleWindowErrorCode.SaleWindowClosed, "The window is closed; announce a new one.");
        }
        if (current.OpensAt <= now)
        {
            return SaleWindowResult.Refused(SaleWindowErrorCode.SaleWindowOpened, "The window has opened; it can only be closed now.");
        }
        if (SaleWindowRules.Check(input, await RouteIdsAsync(), store.State.Windows.Where(w => w.Id != windowId), now) is { } failure)
        {
            return new SaleWindowResult(null, failure);
        }
        var changed = current with
        {
            RouteIds = [.. input.RouteIds],
            TravelDates = [.. input.TravelDates.Order()],
            OpensAt = input.OpensAt,
            AdmissionPerMinute = input.AdmissionPerMinute,
            AdmissionValidity = input.AdmissionValidity,
            CounterSeatsPerTrip = input.CounterSeatsPerTrip,
        };
        return await ReplaceAsync(current, changed);
    }

    public async Task<SaleWindowResult> CloseAsync(string windowId)
    {
        if (Find(windowId) is not { } current)
        {
            return NotFound();
        }
        if (current.Status == SaleWindowStatus.Closed)
        {
            await Queue(current).ConfigureAsync(current);
            return SaleWindowResult.Of(current);
        }
        return await ReplaceAsync(current, current with { Status = SaleWindowStatus.Closed, ClosedAt = time.GetUtcNow() });
    }

    private async Task<SaleWindowResult> ReplaceAsync(SaleWindow current, SaleWindow next)
    {
        var index = store.State.Windows.IndexOf(current);
        store.State.Windows[index] = next;
        try
        {
            await store.WriteOrDeactivateAsync(this);
        }
        catch
        {
            store.State.Windows[index] = current;
            throw;
        }
        await Queue(next).ConfigureAsync(next);
        return SaleWindowResult.Of(next);
    }

    private SaleWindow? Find(string windowId) => store.State.Windows.FirstOrDefault(w => w.Id == windowId);

    private IWaitingRoomGrain Queue(SaleWindow window) => GrainFactory.GetGrain<IWaitingRoomGrain>(window.Id);

    private async Task<HashSet<string>> RouteIdsAsync() =>
        (await GrainFactory.GetGrain<ICatalogGrain>("network").GetNetworkAsync()).Routes.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

    private static string NewId() => "sw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    private static SaleWindowResult NotFound() => SaleWindowResult.Refused(SaleWindowErrorCode.SaleWindowNotFound, "There is no such sale window.");
}
