namespace DiuParibahan.Grains.Domain;

/// <summary>Configuration section <c>Coaches</c>: how coaches may be put on trips.</summary>
public sealed class CoachTimetableOptions
{
    /// <summary>
    /// Least time between a coach's arrival at the end of one trip and its departure on the next (either order).
    /// Default 60 minutes.
    /// </summary>
    public TimeSpan TurnaroundMargin { get; set; } = TimeSpan.FromMinutes(60);

    public bool IsValid() => TurnaroundMargin >= TimeSpan.Zero && TurnaroundMargin <= TimeSpan.FromHours(24);
}
