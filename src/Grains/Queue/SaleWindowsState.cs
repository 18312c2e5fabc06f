using DiuParibahan.Grains.Queue;

namespace DiuParibahan.Grains.Queue;

/// <summary>The persisted registry: every window (few: one per announced sale) and the request ids that created them.</summary>
[GenerateSerializer, Alias("SaleWindowsState")]
public sealed class SaleWindowsState
{
    [Id(0)] public List<SaleWindow> Windows { get; set; } = [];

    /// <summary>Create request id → window id, so a retried create answers the first window (the last 500 kept).</summary>
    [Id(1)] public List<KeyValuePair<string, string>> Requests { get; set; } = [];
}
