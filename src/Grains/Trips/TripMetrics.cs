using System.Diagnostics.Metrics;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Trips;

/// <summary>Counters for holds, sales and expiries, exported through OpenTelemetry under the meter <see cref="MeterName"/>.</summary>
public sealed class TripMetrics
{
    public const string MeterName = "DiuParibahan.Trips";

    private readonly Counter<long> _holds;
    private readonly Counter<long> _seatsSold;
    private readonly Counter<long> _expired;

    public TripMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _holds = meter.CreateCounter<long>("diuparibahan.holds", "{hold}", "Hold attempts by channel and outcome");
        _seatsSold = meter.CreateCounter<long>("diuparibahan.seats_sold", "{seat}", "Seats sold by channel");
        _expired = meter.CreateCounter<long>("diuparibahan.holds_expired", "{hold}", "Holds released because they expired");
    }

    public void HoldAttempted(SalesChannel channel, TripErrorCode? failure) =>
        _holds.Add(1, new KeyValuePair<string, object?>("channel", channel.ToString()),
            new KeyValuePair<string, object?>("outcome", failure?.ToString() ?? "Held"));

    public void Sold(SalesChannel channel, int seats) =>
        _seatsSold.Add(seats, new KeyValuePair<string, object?>("channel", channel.ToString()));

    public void Expired(int holds) => _expired.Add(holds);
}
