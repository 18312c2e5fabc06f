using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class PlaceNamesTests
{
    private static City CityNamed(string text) => PlaceNames.ResolveCity(Cities.All, text)
        ?? throw new Xunit.Sdk.XunitException($"'{text}' names no city");

    [Theory]
    [InlineData("Chittagong", "chattogram")]
    [InlineData("chattogram", "chattogram")]
    [InlineData("Jessore", "jashore")]
    [InlineData("Barisal", "barishal")]
    [InlineData("Comilla", "cumilla")]
    [InlineData("Bogra", "bogura")]
    [InlineData("Calcutta", "kolkata")]
    [InlineData("ঢাকা", "dhaka")]
    [InlineData("খুলনা", "khulna")]
    [InlineData("Cox's Bazar", "coxs-bazar")]
    [InlineData("  DHAKA ", "dhaka")]
    public void ResolveCity_FindsTheCityByNameOldSpellingOrBangla(string text, string cityId) =>
        Assert.Equal(cityId, CityNamed(text).Id);

    [Theory]
    [InlineData("Chottogram", "chattogram")]
    [InlineData("Silet", "sylhet")]
    [InlineData("Daka", "dhaka")]
    [InlineData("Kulna", "khulna")]
    [InlineData("Kolkatta", "kolkata")]
    public void ResolveCity_FindsSimpleTransliterationsBySound(string text, string cityId) =>
        Assert.Equal(cityId, CityNamed(text).Id);

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData(null)]
    public void ResolveCity_IsNullForNoCity(string? text) => Assert.Null(PlaceNames.ResolveCity(Cities.All, text));

    [Fact]
    public void Score_RanksWholeNamesBeforeStartsBeforeWordStartsBeforeSoundAlikes()
    {
        Assert.Equal(0, PlaceNames.Score("dhaka", ["Dhaka"]));
        Assert.Equal(1, PlaceNames.Score("dha", ["Dhaka (Gabtoli)"]));
        Assert.Equal(2, PlaceNames.Score("gab", ["Dhaka (Gabtoli)"]));
        Assert.Equal(3, PlaceNames.Score("chotto", ["Chattogram"]));
        Assert.Equal(4, PlaceNames.Score("bazar", ["Coxsbazar"]));
        Assert.Null(PlaceNames.Score("sylhet", ["Dhaka"]));
        Assert.Null(PlaceNames.Score("  ", ["Dhaka"]));
    }

    [Fact]
    public void Score_MatchesBanglaPrefixesWithTheirVowelSigns()
    {
        Assert.Equal(1, PlaceNames.Score("ঢা", ["ঢাকা (কল্যাণপুর)"]));
        Assert.Equal(2, PlaceNames.Score("খুল", ["ঢাকা খুলনা"]));
        Assert.Null(PlaceNames.Score("খল", ["খুলনা"]));
    }

    [Fact]
    public void BuiltInCities_HaveUniqueIdsAndNoNameThatTwoCitiesShare()
    {
        Assert.Equal(Cities.All.Count, Cities.All.Select(c => c.Id).Distinct().Count());
        var names = Cities.All.SelectMany(c => PlaceNames.Of(c).Select(n => (Name: PlaceNames.Normalize(n), c.Id))).Distinct();
        Assert.Empty(names.GroupBy(n => n.Name).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Upgrade_OfANetworkWithoutCities_MapsFreeTextCitiesToIds_AndKeepsUnknownOnesAsNewCities()
    {
        var old = new Network(
            [new("a", "Dhaka (Gabtoli)", "ঢাকা (গাবতলী)", "Dhaka", StopKind.Counter),
             new("b", "Chittagong (GEC)", "চট্টগ্রাম (জিইসি)", "Chittagong", StopKind.Counter),
             new("c", "Lalbagh Halt", "লালবাগ", "Lalbagh Town", StopKind.BoardingPoint)],
            [], [], [], []);

        var upgraded = Cities.Upgrade(old);

        Assert.Equal(["dhaka", "chattogram", "lalbagh-town"], upgraded.Stops.Select(s => s.City));
        Assert.Equal("Lalbagh Town", upgraded.CityList.Single(c => c.Id == "lalbagh-town").NameEn);
        Assert.Same(upgraded, Cities.Upgrade(upgraded));
    }
}
