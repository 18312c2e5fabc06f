namespace DiuParibahan.Testing.History;

/// <summary>How a recorded request ended, as the client saw it.</summary>
public enum OperationOutcome
{
    /// <summary>The system said yes (201 for a hold, 204 for a release): the change happened.</summary>
    Acknowledged,

    /// <summary>The system said no (409, 404, limits): nothing changed. Seat conflicts, if any, are listed.</summary>
    Refused,

    /// <summary>No clear answer (5xx, timeout, broken connection): the change may or may not have happened.</summary>
    Error,
}
