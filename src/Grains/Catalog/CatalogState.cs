using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Catalog;

[GenerateSerializer, Alias("CatalogState")]
public sealed class CatalogState
{
    [Id(0)] public Network? Network { get; set; }

    /// <summary>Service days whose trips have been created, so start-up does not recreate them.</summary>
    [Id(1)] public HashSet<DateOnly> ScheduledDays { get; set; } = [];
}
