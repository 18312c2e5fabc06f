namespace DiuParibahan.Testing.History;

/// <summary>What a recorded request asked a trip to do.</summary>
public enum OperationKind
{
    /// <summary>Hold seats on a leg until the hold is released or expires.</summary>
    Hold,

    /// <summary>Sell seats on a leg: occupied for good.</summary>
    Sell,

    /// <summary>Release a hold, named by its hold id.</summary>
    Release,

    /// <summary>Pay for a hold, named by its hold id: once acknowledged its seats are occupied for good.</summary>
    Confirm,
}
