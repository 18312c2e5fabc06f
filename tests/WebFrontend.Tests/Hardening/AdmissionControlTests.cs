using System.Diagnostics.Metrics;
using System.Text.Json;
using DiuParibahan.WebFrontend.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>
/// Admission control with a tiny limit (one request at a time, one waiting): the excess is refused at once with 503
/// overloaded and Retry-After, admitted requests complete, a waiting request is refused when its deadline passes, and
/// reads and writes each have their own limits and deadlines.
/// </summary>
public sealed class AdmissionControlTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddMetrics().AddProblemDetails().BuildServiceProvider();
    private readonly AdmissionControl _admission;

    public AdmissionControlTests()
    {
        var tiny = new AdmissionClassOptions { Concurrency = 1, QueueLimit = 1, QueueTimeout = Deadline };
        _admission = new AdmissionControl(Options.Create(new AdmissionOptions { Reads = tiny, Writes = tiny, RetryAfterSeconds = 3 }),
            _time, _services.GetRequiredService<IMeterFactory>());
    }

    private DefaultHttpContext Request(string method, string path = "/api/trips/T/holds")
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        return http;
    }

    /// <summary>An endpoint that runs until the test lets it finish.</summary>
    private static (RequestDelegate Next, TaskCompletionSource Entered, TaskCompletionSource Finish) Blocking()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return (async http =>
        {
            entered.TrySetResult();
            await finish.Task;
            http.Response.StatusCode = StatusCodes.Status201Created;
        }, entered, finish);
    }

    private static string Code(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Excess_IsRefusedAtOnceWith503Overloaded_WhileAdmittedRequestsSucceed()
    {
        var (next, entered, finish) = Blocking();
        var first = Request("POST");
        var second = Request("POST");
        var third = Request("POST");

        var running = _admission.InvokeAsync(first, next);
        await entered.Task;
        var waiting = _admission.InvokeAsync(second, next);
        // One runs, one waits: the third finds the line full and is answered without waiting at all.
        var refused = _admission.InvokeAsync(third, next);

        Assert.True(refused.IsCompleted);
        await refused;
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, third.Response.StatusCode);
        Assert.Equal("3", third.Response.Headers.RetryAfter.ToString());
        Assert.Equal("overloaded", Code(third));
        Assert.False(waiting.IsCompleted);

        finish.SetResult();
        await running;
        await waiting;
        Assert.Equal(StatusCodes.Status201Created, first.Response.StatusCode);
        Assert.Equal(StatusCodes.Status201Created, second.Response.StatusCode);
    }

    [Fact]
    public async Task WaitingRequest_IsRefusedWhenItsDeadlinePasses_NotLater()
    {
        var (next, entered, finish) = Blocking();
        var first = Request("POST");
        var second = Request("POST");
        var running = _admission.InvokeAsync(first, next);
        await entered.Task;

        var waiting = _admission.InvokeAsync(second, next);
        _time.Advance(Deadline - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await waiting;

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, second.Response.StatusCode);
        Assert.Equal("overloaded", Code(second));
        finish.SetResult();
        await running;
        Assert.Equal(StatusCodes.Status201Created, first.Response.StatusCode);
    }

    [Fact]
    public async Task ReadsAndWrites_HaveTheirOwnLimits_AndPagesAreNotLimited()
    {
        var (next, entered, finish) = Blocking();
        var write = _admission.InvokeAsync(Request("POST"), next);
        await entered.Task;

        var (quick, _, done) = Blocking();
        done.SetResult();
        var read = Request("GET", "/api/trips/T/seats");
        await _admission.InvokeAsync(read, quick);
        var page = Request("GET", "/index.html");
        await _admission.InvokeAsync(page, quick);

        Assert.Equal(StatusCodes.Status201Created, read.Response.StatusCode);
        Assert.Equal(StatusCodes.Status201Created, page.Response.StatusCode);
        finish.SetResult();
        await write;
    }

    [Fact]
    public async Task EachClass_HasItsOwnDeadline_AWaitingReadIsRefusedWhileAWaitingWriteStillWaits()
    {
        var readDeadline = TimeSpan.FromMilliseconds(100);
        using var admission = new AdmissionControl(Options.Create(new AdmissionOptions
            {
                Reads = new AdmissionClassOptions { Concurrency = 1, QueueLimit = 1, QueueTimeout = readDeadline },
                Writes = new AdmissionClassOptions { Concurrency = 1, QueueLimit = 1, QueueTimeout = Deadline },
            }),
            _time, _services.GetRequiredService<IMeterFactory>());
        var (next, entered, finish) = Blocking();
        var (readNext, readEntered, readFinish) = Blocking();
        var runningWrite = admission.InvokeAsync(Request("POST"), next);
        await entered.Task;
        var runningRead = admission.InvokeAsync(Request("GET", "/api/trips/T/seats"), readNext);
        await readEntered.Task;

        var waitingWrite = Request("POST");
        var waitingRead = Request("GET", "/api/trips/T/seats");
        var write = admission.InvokeAsync(waitingWrite, next);
        var read = admission.InvokeAsync(waitingRead, readNext);
        _time.Advance(readDeadline);
        await read;

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, waitingRead.Response.StatusCode);
        Assert.Equal("overloaded", Code(waitingRead));
        Assert.False(write.IsCompleted);
        finish.SetResult();
        readFinish.SetResult();
        await Task.WhenAll(runningWrite, runningRead, write);
        Assert.Equal(StatusCodes.Status201Created, waitingWrite.Response.StatusCode);
    }

    [Fact]
    public void Defaults_LimitReadsByCores_WithAShortDeadline_AndLetWritesWaitLonger()
    {
        var defaults = new AdmissionOptions();

        Assert.Equal(32 * Environment.ProcessorCount, defaults.Reads.Concurrency);
        Assert.Equal(TimeSpan.FromMilliseconds(100), defaults.Reads.QueueTimeout);
        Assert.True(defaults.Writes.QueueTimeout > defaults.Reads.QueueTimeout);
        Assert.True(defaults.Reads.QueueTimeout < Deadline, "a read must be refused long before a client's own timeout");
    }

    public void Dispose()
    {
        _admission.Dispose();
        _services.Dispose();
    }
}
