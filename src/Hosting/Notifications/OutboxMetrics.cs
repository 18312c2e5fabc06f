using System.Diagnostics.Metrics;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// The outbox as OpenTelemetry sees it (meter <see cref="MeterName"/>): the backlog of messages still to send, as the
/// dispatcher last counted it, and every delivery outcome by channel. A growing backlog means SMTP or the SMS gateway is
/// down or too slow; the messages wait in the table, but passengers are not being told.
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "DiuParibahan.Notifications";

    private readonly Counter<long> _deliveries;
    private long _backlog;

    public OutboxMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _deliveries = meter.CreateCounter<long>("diuparibahan.notifications", "{message}",
            "Outbox messages handled, by channel and outcome (sent, failed, dead, recorded)");
        meter.CreateObservableGauge("diuparibahan.outbox.backlog", () => Interlocked.Read(ref _backlog), "{message}",
            "Messages pending or waiting to retry, as of the dispatcher's last round");
    }

    /// <summary>The backlog the dispatcher counted at the end of its last round.</summary>
    public long Backlog
    {
        get => Interlocked.Read(ref _backlog);
        set => Interlocked.Exchange(ref _backlog, value);
    }

    public void Handled(string channel, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));
}
