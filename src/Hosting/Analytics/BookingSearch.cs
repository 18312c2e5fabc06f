using DiuParibahan.Grains.Identity;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>Ops lookup of bookings by PNR or phone number in <c>booking_index</c> (filled by the rollup from booking events).</summary>
public sealed class BookingSearch(AppDatabase db)
{
    public const int MaxResults = 50;

    /// <summary>
    /// Bookings whose PNR is <paramref name="query"/> (any case), or whose contact phone is the Bangladeshi number
    /// <paramref name="query"/> (any accepted spelling), newest departure first, at most <see cref="MaxResults"/>.
    /// </summary>
    public Task<List<BookingIndexEntry>> FindAsync(string query, CancellationToken ct = default)
    {
        var phone = PhoneNumber.Normalize(query);
        var (where, value) = phone is not null ? ("phone = @q", phone) : ("pnr = @q", query.Trim().ToUpperInvariant());
        return db.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT pnr, phone, trip_id, route_code, from_stop, to_stop, departure, status, channel, seats, total, updated_at "
                                  + $"FROM booking_index WHERE {where} ORDER BY departure DESC, pnr LIMIT {MaxResults}";
            SqlValues.Add(command, "@q", value);
            await using var reader = await command.ExecuteReaderAsync(token);
            var rows = new List<BookingIndexEntry>();
            while (await reader.ReadAsync(token))
            {
                rows.Add(new BookingIndexEntry(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                    reader.GetString(3), reader.GetString(4), reader.GetString(5), SqlValues.ReadTime(reader, 6), reader.GetString(7),
                    reader.GetString(8), Convert.ToInt32(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToInt32(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture), SqlValues.ReadTime(reader, 11)));
            }
            return rows;
        }, ct);
    }
}
