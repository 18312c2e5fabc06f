using DiuParibahan.WebFrontend.Analytics;
using DiuParibahan.WebFrontend.Tests.Analytics;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>Exports open safely in a spreadsheet: hostile text stays text, numbers stay numbers.</summary>
public sealed class CsvInjectionTests
{
    private sealed record ManifestRow(string Passenger, string BoardingStop, int Seats, decimal Fare, DateOnly Day);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData("+8801712345678")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void Write_HostilePassengerAndStopNames_AreNeutralisedWithALeadingApostrophe(string hostile)
    {
        var csv = Csv.Write([new ManifestRow(hostile, hostile, 2, -150.5m, new DateOnly(2026, 12, 7))]);

        var row = CsvReader.Parse(csv)[1];
        Assert.Equal("'" + hostile, row[0]);
        Assert.Equal("'" + hostile, row[1]);
    }

    [Fact]
    public void Write_NegativeAndPositiveNumbers_StayNumbers()
    {
        var csv = Csv.Write([new ManifestRow("Rahim", "Gabtoli", -3, -150.5m, new DateOnly(2026, 12, 7))]);

        Assert.Equal(["Rahim", "Gabtoli", "-3", "-150.5", "2026-12-07"], CsvReader.Parse(csv)[1]);
    }

    [Theory]
    [InlineData("Rahim = Karim")]
    [InlineData("ঢাকা – খুলনা")]
    [InlineData("")]
    public void Write_OrdinaryText_IsUnchanged(string text)
    {
        var csv = Csv.Write([new ManifestRow(text, text, 1, 1m, new DateOnly(2026, 12, 7))]);

        Assert.Equal(text, CsvReader.Parse(csv)[1][0]);
    }
}
