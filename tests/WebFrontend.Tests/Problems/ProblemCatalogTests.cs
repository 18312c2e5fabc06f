using System.Text.RegularExpressions;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Tests.Architecture;

namespace DiuParibahan.WebFrontend.Tests.Problems;

/// <summary>The error catalog against docs/api-errors.md, the grains' error enums and the codes the frontend raises.</summary>
public sealed partial class ProblemCatalogTests
{
    [Fact]
    public void Api_errors_document_lists_exactly_the_catalog_with_the_same_status_and_title()
    {
        var documented = DocumentedCodes();
        var catalog = ProblemCatalog.All.ToDictionary(k => k.Code, k => (k.Status, k.Title));

        var undocumented = catalog.Keys.Except(documented.Keys).Order().ToList();
        var stale = documented.Keys.Except(catalog.Keys).Order().ToList();
        var different = catalog.Keys.Intersect(documented.Keys)
            .Where(c => documented[c] != catalog[c])
            .Select(c => $"{c}: documented {documented[c]}, catalog {catalog[c]}")
            .ToList();

        Assert.True(undocumented.Count == 0, "Codes missing from docs/api-errors.md: " + string.Join(", ", undocumented));
        Assert.True(stale.Count == 0, "Codes in docs/api-errors.md that the catalog no longer has: " + string.Join(", ", stale));
        Assert.True(different.Count == 0, "Codes documented with another status or title:\n" + string.Join("\n", different));
    }

    [Fact]
    public void Every_grain_and_auth_error_code_has_a_catalog_entry()
    {
        var codes = Enum.GetValues<TripErrorCode>().Select(ProblemCatalog.CodeFor)
            .Concat(Enum.GetValues<BookingErrorCode>().Select(ProblemCatalog.CodeFor))
            .Concat(Enum.GetValues<CatalogErrorCode>().Select(ProblemCatalog.CodeFor))
            .Concat(Enum.GetValues<DiuParibahan.Grains.Queue.SaleWindowErrorCode>().Select(ProblemCatalog.CodeFor))
            .Concat(Enum.GetValues<AuthErrorCode>().Select(AuthProblems.CodeFor));

        var missing = codes.Where(c => !ProblemCatalog.Contains(c)).Distinct().ToList();

        Assert.True(missing.Count == 0, "Error codes without a catalog entry: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_code_the_frontend_raises_by_name_is_in_the_catalog()
    {
        var raised = SourceTree.Read("src/WebFrontend")
            .SelectMany(f => RaisedCode().Matches(f.Code).Select(m => (f.Path, Code: m.Groups["code"].Value)))
            .ToList();
        Assert.Contains(raised, r => r.Code == "rate-limited");

        var unknown = raised.Where(r => !ProblemCatalog.Contains(r.Code)).Select(r => $"{r.Path}: {r.Code}").ToList();

        Assert.True(unknown.Count == 0, "Codes raised but not in the catalog:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void A_problem_carries_the_catalog_status_title_type_and_code_with_its_extensions()
    {
        var problem = new TripFailure(TripErrorCode.SeatsUnavailable, "A1 was just taken.", ["A1"]).ToProblem().ProblemDetails;

        Assert.Equal(409, problem.Status);
        Assert.Equal("Seats no longer available", problem.Title);
        Assert.Equal("https://diuparibahan.example/problems/seats-unavailable", problem.Type);
        Assert.Equal("A1 was just taken.", problem.Detail);
        Assert.Equal("seats-unavailable", problem.Extensions["code"]);
        Assert.Equal(["A1"], Assert.IsAssignableFrom<IEnumerable<string>>(problem.Extensions["conflicts"]));
    }

    [Fact]
    public void An_unknown_code_is_refused_rather_than_sent_without_a_status()
    {
        Assert.Throws<KeyNotFoundException>(() => ApiProblems.Create("no-such-code"));
    }

    private static Dictionary<string, (int Status, string Title)> DocumentedCodes()
    {
        var text = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "api-errors.md"));
        var rows = DocumentRow().Matches(text);
        Assert.NotEmpty(rows);
        var codes = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach (Match row in rows)
        {
            var code = row.Groups["code"].Value;
            Assert.True(codes.TryAdd(code, (int.Parse(row.Groups["status"].Value), row.Groups["title"].Value.Trim().Replace("\\|", "|"))),
                $"{code} is listed twice in docs/api-errors.md");
        }
        return codes;
    }

    [GeneratedRegex(@"^\|\s*`(?<code>[a-z-]+)`\s*\|\s*(?<status>\d{3})\s*\|(?<title>(?:[^|\\]|\\\|)+)\|", RegexOptions.Multiline)]
    private static partial Regex DocumentRow();

    [GeneratedRegex(@"\b(?:Invalid|Create|WriteAsync)\((?:[^;]*?,\s*)?""(?<code>[a-z]+(?:-[a-z]+)+)""")]
    private static partial Regex RaisedCode();
}
