using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Analytics;

/// <summary>
/// The PNRs ever booked on a trip, read from the booking events of the events log (indexed by trip). A booking moved to
/// another trip still shows up under its old one, so readers check each booking's current trip.
/// </summary>
public sealed class TripBookingRefs(AppDatabase db)
{
    public Task<List<string>> ForTripAsync(string tripId, CancellationToken ct = default) =>
        db.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT booking_ref FROM events WHERE trip_id = @trip AND booking_ref IS NOT NULL "
                                  + "AND kind LIKE 'booking.%' ORDER BY booking_ref";
            SqlValues.Add(command, "@trip", tripId);
            await using var reader = await command.ExecuteReaderAsync(token);
            var pnrs = new List<string>();
            while (await reader.ReadAsync(token))
            {
                pnrs.Add(reader.GetString(0));
            }
            return pnrs;
        }, ct);
}
