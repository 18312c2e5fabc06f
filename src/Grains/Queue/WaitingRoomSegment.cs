namespace DiuParibahan.Grains.Queue;

/// <summary>
/// One stored stretch of a waiting room's lottery entrants or line: phones
/// <c>k × <see cref="WaitingRoomStore.SegmentSize"/></c> onwards, in order.
/// </summary>
[GenerateSerializer, Alias("WaitingRoomSegment")]
public sealed class WaitingRoomSegment
{
    [Id(0)] public List<string> Phones { get; set; } = [];
}
