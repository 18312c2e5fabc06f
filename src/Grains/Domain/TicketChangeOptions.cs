namespace DiuParibahan.Grains.Domain;

/// <summary>
/// The rules for changing a confirmed ticket (configuration section <c>Bookings:Changes</c>). Cut-offs count back from
/// the departure at the booking's boarding stop; a change at or after the cut-off is refused.
/// </summary>
public sealed class TicketChangeOptions
{
    /// <summary>Whole taka charged once per trip/date change, on top of any fare difference. Default 100.</summary>
    public int TripChangeFee { get; set; } = 100;

    /// <summary>Last moment before departure for a trip/date change, measured on the current trip. Default 6 hours.</summary>
    public TimeSpan TripChangeCutoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Last moment before departure for a seat change on the same trip. Default 1 hour.</summary>
    public TimeSpan SeatChangeCutoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Last moment before departure for correcting a passenger's name, phone or gender. Default 3 hours.</summary>
    public TimeSpan CorrectionCutoff { get; set; } = TimeSpan.FromHours(3);

    public bool IsValid() =>
        TripChangeFee >= 0 && TripChangeCutoff >= TimeSpan.Zero && SeatChangeCutoff >= TimeSpan.Zero && CorrectionCutoff >= TimeSpan.Zero;
}
