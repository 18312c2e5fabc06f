namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Ladies seats (configuration section <c>Trips:LadiesSeats</c>): until <see cref="OpenToAllBefore"/> before the coach
/// leaves its first stop they are sold to female passengers only; from then on to anyone, so a seat no woman wanted
/// does not travel empty.
/// </summary>
public sealed class LadiesSeatOptions
{
    /// <summary>How long before departure ladies seats open to all passengers. Default 2 hours; zero keeps them closed until departure.</summary>
    public TimeSpan OpenToAllBefore { get; set; } = TimeSpan.FromHours(2);

    public bool IsValid() => OpenToAllBefore >= TimeSpan.Zero && OpenToAllBefore <= TimeSpan.FromDays(400);
}
