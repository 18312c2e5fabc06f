namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// A place within a stop where passengers get on or off (a counter, a crossing such as "Technical more").
/// <paramref name="Id"/> is a stable slug unique across the network; <paramref name="ReportMinutesBefore"/> is how long
/// before the coach leaves the stop a boarding passenger should be there. A point serves boarding, dropping or both.
/// </summary>
[GenerateSerializer, Immutable, Alias("StopPoint")]
public sealed record StopPoint(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameEn,
    [property: Id(2)] string NameBn,
    [property: Id(3)] int ReportMinutesBefore,
    [property: Id(4)] bool Boarding = true,
    [property: Id(5)] bool Dropping = true);
