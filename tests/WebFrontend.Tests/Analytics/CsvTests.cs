using DiuParibahan.WebFrontend.Analytics;

namespace DiuParibahan.WebFrontend.Tests.Analytics;

public sealed class CsvTests
{
    private sealed record Row(string Name, int Seats, double Rate, DateOnly Day);

    [Fact]
    public void Write_QuotesCommasQuotesAndLineBreaks_AndParsesBack()
    {
        var rows = new[]
        {
            new Row("Dhaka, \"Gabtoli\"\nCounter", 3, 0.125, new DateOnly(2026, 3, 10)),
            new Row("ঢাকা – খুলনা", 0, 1, new DateOnly(2026, 12, 31)),
        };

        var csv = Csv.Write(rows);

        Assert.StartsWith("name,seats,rate,day\r\n\"Dhaka, \"\"Gabtoli\"\"\nCounter\",3,0.125,2026-03-10\r\n", csv);
        Assert.Equal(
            [["name", "seats", "rate", "day"], ["Dhaka, \"Gabtoli\"\nCounter", "3", "0.125", "2026-03-10"], ["ঢাকা – খুলনা", "0", "1", "2026-12-31"]],
            CsvReader.Parse(csv));
    }
}
