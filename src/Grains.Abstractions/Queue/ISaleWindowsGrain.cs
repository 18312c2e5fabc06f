namespace DiuParibahan.Grains.Queue;

/// <summary>
/// The registry of sale windows (one grain, key <see cref="Key"/>): ops announce, change (before opening) and close
/// windows here; frontends read the list, cached, to know which trips need an admission. Windows are few (one per
/// announced sale), so the list stays small.
/// </summary>
[Alias("DiuParibahan.ISaleWindowsGrain")]
public interface ISaleWindowsGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Every window, announced and closed, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<SaleWindow>> ListAsync();

    /// <summary>The window, or null.</summary>
    [Alias("Get")]
    Task<SaleWindow?> GetAsync(string windowId);

    /// <summary>
    /// Announces a window and configures its queue. Refused as <see cref="SaleWindowErrorCode.InvalidSaleWindow"/> (opening
    /// not in the future, no routes or days, unknown route, rate, validity or counter cap out of range) or
    /// <see cref="SaleWindowErrorCode.SaleWindowOverlap"/>. <paramref name="requestId"/> makes a retry return the same window.
    /// </summary>
    [Alias("Create")]
    Task<SaleWindowResult> CreateAsync(SaleWindowInput input, string requestId);

    /// <summary>Changes a window before it opens (same checks as create), else <see cref="SaleWindowErrorCode.SaleWindowOpened"/>.</summary>
    [Alias("Change")]
    Task<SaleWindowResult> ChangeAsync(string windowId, SaleWindowInput input);

    /// <summary>Closes a window early: its queue closes, every waiter is told, holds on its trips no longer need an admission. Idempotent.</summary>
    [Alias("Close")]
    Task<SaleWindowResult> CloseAsync(string windowId);
}
