using System.Data.Common;
using System.Globalization;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>The few values the two dialects store differently: times are timestamptz in PostgreSQL and ISO-8601 UTC text in SQLite.</summary>
internal static class SqlValues
{
    public static object Time(DatabaseProvider provider, DateTimeOffset at) =>
        provider == DatabaseProvider.PostgreSql
            ? at.ToUniversalTime()
            : at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset at => at,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        var other => throw new InvalidCastException($"Not a time: {other}"),
    };

    public static DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateOnly day => day,
        DateTime date => DateOnly.FromDateTime(date),
        string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        var other => throw new InvalidCastException($"Not a day: {other}"),
    };

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            // SQLite keeps days as 'yyyy-MM-dd' text so that text order is date order.
            DateOnly day when command is Microsoft.Data.Sqlite.SqliteCommand => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // Microsoft.Data.Sqlite would bind a decimal as TEXT; money columns are REAL there.
            decimal amount when command is Microsoft.Data.Sqlite.SqliteCommand => (double)amount,
            _ => value,
        };
        command.Parameters.Add(parameter);
    }
}
