namespace DiuParibahan.Grains.Trips;

/// <summary>What a seat is on a leg interval. Ordered by precedence: a seat is shown as the strongest state on the interval.</summary>
[GenerateSerializer, Alias("SeatState")]
public enum SeatState
{
    Free = 0,
    Held = 1,
    Sold = 2,
    Blocked = 3,
}
