using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Catalog;

/// <summary>The trips of one service day. Availability is not persisted: trips report it and it is re-read on activation.</summary>
[GenerateSerializer, Alias("DepartureBoardState")]
public sealed class DepartureBoardState
{
    [Id(0)] public Dictionary<string, TripDefinition> Trips { get; set; } = [];
}
