using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>
/// RFC 4180 CSV of report rows: a header of the rows' camelCase property names (the same names as the JSON), CRLF
/// line ends, and a field quoted when it holds a comma, quote, CR or LF (quotes doubled). Invariant culture; days
/// <c>yyyy-MM-dd</c>, times ISO 8601 with offset.
/// <para>
/// Text cells are neutralised against formula injection (OWASP "CSV Injection"): a cell whose text starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading apostrophe, so a spreadsheet shows a
/// passenger named <c>=HYPERLINK(…)</c> as text instead of running it. Numbers, days and times are written as they are
/// (a negative amount stays a number) because only strings can carry a formula.
/// </para>
/// </summary>
public static class Csv
{
    /// <summary>The UTF-8 bytes of the CSV, with a byte-order mark so spreadsheet programs read Bangla as UTF-8.</summary>
    public static byte[] ToUtf8<T>(IEnumerable<T> rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Write(rows))];

    public static string Write<T>(IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var text = new StringBuilder();
        AppendLine(text, properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
        foreach (var row in rows)
        {
            AppendLine(text, properties.Select(p => Format(p.GetValue(row))));
        }
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            text.Append(first ? "" : ",").Append(Quote(field));
            first = false;
        }
        text.Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>Prefixes text a spreadsheet would read as a formula with an apostrophe.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;

    private const string FormulaStarts = "=+-@\t\r";

    private static string Format(object? value) => value switch
    {
        null => "",
        string text => Neutralise(text),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
