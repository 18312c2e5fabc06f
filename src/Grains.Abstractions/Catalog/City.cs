namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// A city or town that stops belong to, so passengers can search "Dhaka → Khulna" rather than counter by counter.
/// <paramref name="Id"/> is a stable slug such as <c>chattogram</c>; <paramref name="Aliases"/> are other spellings people
/// type or read on signs (<c>Chittagong</c>, <c>Jessore</c>, <c>Calcutta</c>), matched like the names.
/// </summary>
[GenerateSerializer, Immutable, Alias("City")]
public sealed record City(
    [property: Id(0)] string Id,
    [property: Id(1)] string NameEn,
    [property: Id(2)] string NameBn,
    [property: Id(3)] IReadOnlyList<string> Aliases);
