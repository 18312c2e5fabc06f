using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using System.Diagnostics.Metrics;

namespace DiuParibahan.Hosting.Tests.Notifications;

/// <summary>
/// The dispatcher against a real SMTP server (a local sink) and an HTTP SMS gateway (a local fake), on the SQLite
/// outbox, with a fake clock so backoff is stepped over instead of waited for.
/// </summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SmtpSink _smtp = new();
    private SmsGatewayServer _sms = null!;
    private OutboxStore _store = null!;
    private ServiceProvider _services = null!;
    private OutboxMetrics _metrics = null!;

    public async ValueTask InitializeAsync()
    {
        await SchemaMigrator.MigrateAsync(_database.Provider, _database.ConnectionString, TestContext.Current.CancellationToken);
        _store = new OutboxStore(AppDatabase.ForSqliteFile(_database.FilePath));
        _sms = new SmsGatewayServer();
        _services = new ServiceCollection().AddHttpClient().AddMetrics().BuildServiceProvider();
        _metrics = new OutboxMetrics(_services.GetRequiredService<IMeterFactory>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sms.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    private OutboxDispatcher Dispatcher(bool smtp = true, bool sms = true, int maxAttempts = 5, ISmsGateway? gateway = null)
    {
        var options = Options.Create(new NotificationOptions
        {
            Smtp = new SmtpOptions
            {
                Host = smtp ? "127.0.0.1" : null,
                Port = _smtp.Port,
                Security = SecureSocketOptions.None,
                From = "Diu Paribahan <tickets@diuparibahan.test>",
            },
            Sms = new SmsGatewayOptions { Url = sms ? _sms.Url : null, ApiKey = "test-api-key" },
            FirstRetryDelay = TimeSpan.FromSeconds(30),
            MaxRetryDelay = TimeSpan.FromMinutes(10),
            MaxAttempts = maxAttempts,
        });
        Assert.Empty(options.Value.Problems());
        return new OutboxDispatcher(_store, new OutboxSignal(), new SmtpEmailSender(options),
            gateway ?? new HttpSmsGateway(_services.GetRequiredService<IHttpClientFactory>(), options), options, _time,
            NullLogger<OutboxDispatcher>.Instance, _metrics);
    }

    private Task EnqueueConfirmationAsync(string pnr) =>
        new NotificationOutbox(_store, SampleBookings.Templates(), new OutboxSignal(), _time)
            .EnqueueAsync(SampleBookings.Confirmed(pnr), "en", [new($"{pnr}:2", "booking.confirmed", "Payment received.")]);

    private async Task<OutboxMessage> RowAsync(string key) =>
        (await _store.ForBookingAsync(key.Split(':')[0])).Single(m => m.IdempotencyKey == key);

    [Fact]
    public async Task Dispatch_SendsEmailWithTextHtmlAndAStableMessageId_AndSmsWithTheApiKey_ThenMarksBothSent()
    {
        await EnqueueConfirmationAsync("PNRAAA");

        Assert.Equal(2, await Dispatcher().DispatchDueAsync(TestContext.Current.CancellationToken));

        var mail = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(_smtp.Messages))));
        Assert.Equal(SmtpEmailSender.MessageIdFor("PNRAAA:2:email", "diuparibahan.test"), mail.MessageId);
        Assert.Equal("Booking PNRAAA confirmed", mail.Subject);
        Assert.Equal("rahim@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Contains("booking PNRAAA is confirmed", mail.TextBody);
        Assert.Contains("<p>Diu Paribahan: booking PNRAAA is confirmed.", mail.HtmlBody);
        var sms = Assert.Single(_sms.Accepted);
        Assert.Equal(("+8801712345678", "PNRAAA:2:sms", "test-api-key"), (sms.To, sms.IdempotencyKey, sms.ApiKey));
        Assert.StartsWith("Diu Paribahan: booking PNRAAA is confirmed.", sms.Text);
        Assert.All(await _store.ForBookingAsync("PNRAAA"), m => Assert.Equal((OutboxStatus.Sent, 1, Start), (m.Status, m.Attempts, m.SentAt)));
    }

    [Fact]
    public async Task ChannelsDown_RetryWithBackoffVisibleInTheOutbox_ThenDeliverExactlyOnceAfterRecovery()
    {
        await EnqueueConfirmationAsync("PNRBBB");
        _smtp.Failing = true;
        _sms.Failing = true;
        var dispatcher = Dispatcher();

        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);

        foreach (var key in new[] { "PNRBBB:2:sms", "PNRBBB:2:email" })
        {
            var row = await RowAsync(key);
            Assert.Equal((OutboxStatus.Retrying, 1), (row.Status, row.Attempts));
            Assert.InRange(row.NextAttemptAt, Start.AddSeconds(24), Start.AddSeconds(36));
            Assert.False(string.IsNullOrEmpty(row.LastError));
            Assert.DoesNotContain("01712345678", row.LastError);
            Assert.DoesNotContain("rahim@example.com", row.LastError);
        }
        // Not due yet: nothing is tried before the backoff has passed.
        Assert.Equal(0, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));

        _time.Advance(TimeSpan.FromSeconds(37));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        var second = await RowAsync("PNRBBB:2:sms");
        Assert.Equal(2, second.Attempts);
        // The second wait is about twice the first.
        Assert.InRange(second.NextAttemptAt - _time.GetUtcNow(), TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(72));

        _smtp.Failing = false;
        _sms.Failing = false;
        _time.Advance(TimeSpan.FromSeconds(73));
        Assert.Equal(2, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));

        Assert.Equal((OutboxStatus.Sent, 3), ((await RowAsync("PNRBBB:2:sms")).Status, (await RowAsync("PNRBBB:2:sms")).Attempts));
        Assert.Equal(OutboxStatus.Sent, (await RowAsync("PNRBBB:2:email")).Status);
        Assert.Equal(3, _sms.Requests);
        Assert.Single(_sms.Accepted);
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task ARoundThatRunsLong_StartsNoSendThatCouldOutlastItsLease_AndTheRestIsClaimedAfterTheLease()
    {
        var outbox = new NotificationOutbox(_store, SampleBookings.Templates(), new OutboxSignal(), _time);
        foreach (var pnr in new[] { "PNRFF1", "PNRFF2", "PNRFF3" })
        {
            await outbox.EnqueueAsync(SampleBookings.Confirmed(pnr, email: null), "en", [new($"{pnr}:2", "booking.confirmed", "")]);
        }
        // Each send takes 100 s of the 120 s lease (the default SMTP timeout, 30 s, is the budget of one send).
        var slow = new SlowGateway(_time, TimeSpan.FromSeconds(100));
        var dispatcher = Dispatcher(smtp: false, gateway: slow);

        Assert.Equal(3, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, slow.Sent);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));

        _time.Advance(TimeSpan.FromSeconds(21));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, slow.Sent);
        foreach (var pnr in new[] { "PNRFF1", "PNRFF2", "PNRFF3" })
        {
            Assert.Equal(OutboxStatus.Sent, (await RowAsync($"{pnr}:2:sms")).Status);
        }
    }

    private sealed class SlowGateway(FakeTimeProvider time, TimeSpan duration) : ISmsGateway
    {
        public int Sent { get; private set; }

        public Task SendAsync(string to, string text, string idempotencyKey, CancellationToken ct)
        {
            time.Advance(duration);
            Sent++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Metrics_ShowTheBacklogWhileChannelsAreDown_AndEachOutcomeByChannel()
    {
        var outcomes = new List<(string Channel, string Outcome)>();
        long backlog = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "diuparibahan.outbox.backlog")
            {
                backlog = value;
                return;
            }
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
            lock (outcomes)
            {
                outcomes.Add((tagged["channel"], tagged["outcome"]));
            }
        });
        listener.Start();
        await EnqueueConfirmationAsync("PNRMET");
        _sms.Failing = true;
        var dispatcher = Dispatcher();

        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        listener.RecordObservableInstruments();

        Assert.Equal(1, backlog);
        Assert.Contains(("email", OutboxStatus.Sent), outcomes);
        Assert.Contains(("sms", "failed"), outcomes);

        _sms.Failing = false;
        _time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        listener.RecordObservableInstruments();

        Assert.Equal(0, backlog);
        Assert.Contains(("sms", OutboxStatus.Sent), outcomes);
    }

    [Fact]
    public async Task Failures_UpToMaxAttempts_LeaveTheMessageDead()
    {
        await EnqueueConfirmationAsync("PNRCCC");
        _sms.Failing = true;
        var dispatcher = Dispatcher(smtp: false, maxAttempts: 2);

        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal((OutboxStatus.Dead, 2), ((await RowAsync("PNRCCC:2:sms")).Status, (await RowAsync("PNRCCC:2:sms")).Attempts));
        Assert.Equal(2, _sms.Requests);
    }

    [Fact]
    public async Task WithoutConfiguredChannels_MessagesAreRecorded_NotSent()
    {
        await EnqueueConfirmationAsync("PNRDDD");

        Assert.Equal(2, await Dispatcher(smtp: false, sms: false).DispatchDueAsync(TestContext.Current.CancellationToken));

        Assert.All(await _store.ForBookingAsync("PNRDDD"), m => Assert.Equal((OutboxStatus.Recorded, 0), (m.Status, m.Attempts)));
        Assert.Empty(_smtp.Messages);
        Assert.Equal(0, _sms.Requests);
    }

    [Fact]
    public async Task Enqueue_ForAContactWithoutEmail_MakesOnlyAnSms()
    {
        await new NotificationOutbox(_store, SampleBookings.Templates(), new OutboxSignal(), _time)
            .EnqueueAsync(SampleBookings.Confirmed("PNREEE", email: null), "bn", [new("PNREEE:2", "booking.confirmed", "")]);

        var message = Assert.Single(await _store.ForBookingAsync("PNREEE"));
        Assert.Equal((NotificationChannel.Sms, "+8801712345678", "bn"), (message.Channel, message.Recipient, message.Language));
        Assert.Contains("নিশ্চিত", message.BodyText);
    }
}
