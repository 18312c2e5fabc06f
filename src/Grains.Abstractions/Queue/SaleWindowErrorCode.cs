namespace DiuParibahan.Grains.Queue;

/// <summary>Why a sale-window or queue operation did not happen; the API's problem code is the kebab-case name.</summary>
public enum SaleWindowErrorCode
{
    /// <summary>A field of the window is not valid; the detail names it (400).</summary>
    InvalidSaleWindow,

    /// <summary>Another announced window already covers one of the route and day pairs (409).</summary>
    SaleWindowOverlap,

    /// <summary>No such window (404).</summary>
    SaleWindowNotFound,

    /// <summary>Ops closed the window; it takes no joins and no changes (409).</summary>
    SaleWindowClosed,

    /// <summary>The window has opened, so it can no longer be changed (409).</summary>
    SaleWindowOpened,

    /// <summary>The window's trips are sold out; the queue takes no new joins (409).</summary>
    SaleWindowSoldOut,

    /// <summary>The phone has not joined this window's queue (404).</summary>
    NotInQueue,

    /// <summary>The queue holds as many phones as it may (409).</summary>
    QueueFull,
}

/// <summary>Why a sale-window or queue operation did not happen, in words a passenger or ops can act on.</summary>
[GenerateSerializer, Immutable, Alias("SaleWindowFailure")]
public sealed record SaleWindowFailure(
    [property: Id(0)] SaleWindowErrorCode Code,
    [property: Id(1)] string Detail);

/// <summary>The window after a registry change, or why the change did not happen.</summary>
[GenerateSerializer, Immutable, Alias("SaleWindowResult")]
public sealed record SaleWindowResult(
    [property: Id(0)] SaleWindow? Window,
    [property: Id(1)] SaleWindowFailure? Failure)
{
    public static SaleWindowResult Of(SaleWindow window) => new(window, null);

    public static SaleWindowResult Refused(SaleWindowErrorCode code, string detail) => new(null, new SaleWindowFailure(code, detail));
}
