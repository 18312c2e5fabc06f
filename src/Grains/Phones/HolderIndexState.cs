namespace DiuParibahan.Grains.Phones;

/// <summary>The stored part of a hoarding index shard: the latest summaries of blocked phones.</summary>
[GenerateSerializer, Alias("HolderIndexState")]
public sealed class HolderIndexState
{
    [Id(0)] public Dictionary<string, HolderSummary> Blocked { get; set; } = [];
}
