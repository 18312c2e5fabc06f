using DiuParibahan.WebFrontend.Limits;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// A cluster-wide budget of sign-in SMS per clock hour (<see cref="OtpOptions.SmsPerHourCeiling"/>), counted like the
/// other shared limits (<see cref="SharedCounts"/>): past it no frontend sends a code until the hour is over, whatever
/// puzzles were solved, so an SMS-pumping script on many machines costs at most the budget. Approximate like those
/// counts: the cluster may send what each frontend sends in about a flush interval more.
/// </summary>
public sealed partial class SmsSpendCeiling(SharedCounts counts, int ceiling, TimeProvider clock, ILogger logger)
{
    /// <summary>The limiter name of these counts in the cluster; there is one key for the whole cluster.</summary>
    public const string Limiter = "sms-sent";

    private const string Key = "all";
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private long _warnedWindowEnd;

    /// <summary>Sign-in SMS the cluster may send per clock hour.</summary>
    public int Ceiling => ceiling;

    /// <summary>Sign-in SMS sent this clock hour over the cluster, as far as this frontend knows.</summary>
    public long SentThisHour => counts.Peek(Limiter, Key, Window, essential: true);

    /// <summary>When this clock hour, and with it the budget, is over.</summary>
    public DateTimeOffset HourEnd => counts.WindowEnd(Window);

    /// <summary>Null while the budget has room for one more SMS; otherwise how long until the next hour's budget.</summary>
    public TimeSpan? Refusal()
    {
        var sent = SentThisHour;
        if (sent < ceiling)
        {
            return null;
        }
        var end = HourEnd;
        // Once per hour per frontend, so ops see it in the log without a line per refused sign-in.
        var previous = Interlocked.Exchange(ref _warnedWindowEnd, end.UtcTicks);
        if (previous != end.UtcTicks)
        {
            LogCeilingReached(sent, ceiling, end);
        }
        return end - clock.GetUtcNow();
    }

    /// <summary>Counts one sign-in SMS handed to the gateway.</summary>
    public void Sent() => counts.Add(Limiter, Key, Window, essential: true);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in SMS ceiling reached: {Sent} sent this hour over the cluster against a ceiling of {Ceiling} (Auth:Otp:SmsPerHourCeiling); code requests are refused with 503 sms-ceiling until {HourEnd}")]
    private partial void LogCeilingReached(long sent, int ceiling, DateTimeOffset hourEnd);
}
