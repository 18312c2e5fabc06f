namespace DiuParibahan.Grains.Catalog;

/// <summary>Which side of the coach a fixture (driver, door) is on, seen facing forward.</summary>
[GenerateSerializer, Alias("CoachSide")]
public enum CoachSide
{
    Left,
    Right,
}

/// <summary>
/// A seat at a grid position. <paramref name="Column"/> counts seat columns from the left (0-based), not counting the aisle.
/// A <paramref name="Ladies"/> seat is sold only to female passengers until shortly before departure (docs/ladies-seats.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("LayoutSeat")]
public sealed record LayoutSeat(
    [property: Id(0)] string Label,
    [property: Id(1)] int Row,
    [property: Id(2)] int Column,
    [property: Id(3)] bool Ladies = false);

/// <summary>
/// A coach's seat plan: <paramref name="Rows"/> rows by <paramref name="Columns"/> seat columns, with the aisle after
/// seat column <paramref name="AisleAfterColumn"/> (0-based). Positions with no seat (stairs, toilet) are simply absent.
/// The door is on <paramref name="DoorSide"/> at row <paramref name="DoorRow"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SeatLayout")]
public sealed record SeatLayout(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] int Rows,
    [property: Id(3)] int Columns,
    [property: Id(4)] int AisleAfterColumn,
    [property: Id(5)] CoachSide DriverSide,
    [property: Id(6)] CoachSide DoorSide,
    [property: Id(7)] int DoorRow,
    [property: Id(8)] IReadOnlyList<LayoutSeat> Seats);
