namespace DiuParibahan.Grains.Boarding;

/// <summary>Boarding records of one trip: at most one per seat sold, so bounded by the coach's sales.</summary>
[GenerateSerializer, Alias("BoardingState")]
public sealed class BoardingState
{
    [Id(0)] public List<BoardingRecord> Records { get; set; } = [];
}
