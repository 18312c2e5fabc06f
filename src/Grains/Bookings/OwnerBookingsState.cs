namespace DiuParibahan.Grains.Bookings;

/// <summary>The PNRs of one owner, oldest first, bounded by <see cref="OwnerBookingsGrain.MaxBookings"/>.</summary>
[GenerateSerializer, Alias("OwnerBookingsState")]
public sealed class OwnerBookingsState
{
    [Id(0)] public List<string> Pnrs { get; set; } = [];
}
