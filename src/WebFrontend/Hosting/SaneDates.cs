using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// The years a date in a request body may fall in. Nothing the API does is about a day outside them, and refusing
/// <c>0001-01-01</c> or <c>9999-12-31</c> at the door keeps date arithmetic further in from overflowing.
/// </summary>
public static class SaneDates
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static bool Contains(int year) => year is >= FirstYear and <= LastYear;

    public static JsonException OutOfRange() => new($"Dates must fall in the years {FirstYear}–{LastYear}.");
}

/// <summary>Reads ISO 8601 date-times as System.Text.Json does, refusing years outside <see cref="SaneDates"/>.</summary>
public sealed class SaneDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected a date and time in ISO 8601 form with its offset.");
        }
        return SaneDates.Contains(value.UtcDateTime.Year) ? value : throw SaneDates.OutOfRange();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Reads <c>yyyy-MM-dd</c> days, refusing years outside <see cref="SaneDates"/>.</summary>
public sealed class SaneDateOnlyConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var value))
        {
            throw new JsonException("Expected a day in the form yyyy-MM-dd.");
        }
        return SaneDates.Contains(value.Year) ? value : throw SaneDates.OutOfRange();
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
