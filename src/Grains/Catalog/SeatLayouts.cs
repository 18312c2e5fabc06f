namespace DiuParibahan.Grains.Catalog;

/// <summary>The standard coach layouts. Seats are labelled the Bangladeshi way: row letter, then seat number (A1, A2 …).</summary>
public static class SeatLayouts
{
    /// <summary>
    /// A grid layout with <paramref name="left"/> seats left of the aisle and <paramref name="right"/> right of it.
    /// Right-hand drive: the driver sits front right and the door is front left, as on Bangladeshi coaches.
    /// The first <paramref name="ladiesRows"/> rows are ladies seats.
    /// </summary>
    public static SeatLayout Grid(string code, string name, int rows, int left, int right, int ladiesRows = 0)
    {
        var seats = new List<LayoutSeat>();
        for (var row = 0; row < rows; row++)
        {
            var letter = (char)('A' + row);
            for (var column = 0; column < left + right; column++)
            {
                seats.Add(new LayoutSeat($"{letter}{column + 1}", row, column, row < ladiesRows));
            }
        }
        return new SeatLayout(code, name, rows, left + right, left - 1, CoachSide.Right, CoachSide.Left, 0, seats);
    }

    // The front row is for women, as on most Bangladeshi intercity coaches: nearest the door and the supervisor.
    public static readonly SeatLayout AcBusiness = Grid("AC-B-2+1-30", "AC Business 2+1 (30 seats)", 10, 2, 1, ladiesRows: 1);
    public static readonly SeatLayout AcEconomy = Grid("AC-E-2+2-36", "AC Economy 2+2 (36 seats)", 9, 2, 2, ladiesRows: 1);
    public static readonly SeatLayout NonAc = Grid("NAC-2+2-40", "Non-AC 2+2 (40 seats)", 10, 2, 2, ladiesRows: 1);

    public static IReadOnlyList<SeatLayout> All { get; } = [AcBusiness, AcEconomy, NonAc];
}
