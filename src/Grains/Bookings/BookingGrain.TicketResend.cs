using DiuParibahan.Grains.Domain;
using Microsoft.Extensions.Logging;

namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// "Send my ticket by SMS again": a confirmed booking hands its ticket SMS to the outbox once more, a few times a day
/// (<see cref="TicketResendRules"/>). Not a transition: the booking and its events stay as they are.
/// </summary>
public sealed partial class BookingGrain
{
    /// <summary>The outbox kind of a resent ticket SMS.</summary>
    public const string TicketResentKind = "booking.ticket-resent";

    public async Task<TicketResendResult> ResendTicketAsync(string actor)
    {
        var state = store.State;
        if (state.Booking is not { } booking)
        {
            return new(0, TicketResendRules.PerDhakaDay, null, new(BookingErrorCode.BookingNotFound, "There is no such booking."));
        }
        if (booking.Status != BookingStatus.Confirmed)
        {
            return new(0, TicketResendRules.PerDhakaDay, null,
                new(BookingErrorCode.TicketNotIssued, "Only a paid, confirmed booking has a ticket to send."));
        }
        var decision = TicketResendRules.Decide(state.ResendDay, state.ResendsThatDay, Now);
        if (!decision.Allowed)
        {
            return new(decision.SentToday, TicketResendRules.PerDhakaDay, decision.RetryAt,
                new(BookingErrorCode.ResendLimitReached,
                    $"The ticket was sent again {TicketResendRules.PerDhakaDay} times today; it can be sent again after midnight (Dhaka time)."));
        }
        // Handed over before the count is stored: if the write fails the caller sees an error and a retry reuses the same
        // key, which the outbox ignores, so a counted resend is sent exactly once and an uncounted one never twice.
        var number = state.ResendsTotal + 1;
        await notifications.EnqueueAsync(View(), Language,
            [new NotificationTrigger($"{Pnr}:resend-{number}", TicketResentKind, "", SmsOnly: true)]);
        state.ResendDay = decision.Day;
        state.ResendsThatDay = decision.SentToday;
        state.ResendsTotal = number;
        try
        {
            await store.WriteStateAsync();
            _publishedUnsaved = false;
            _notifiedUnsaved = false;
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, Pnr);
            DeactivateOnIdle();
            throw;
        }
        LogTicketResent(logger, Pnr, decision.SentToday, actor);
        return new(decision.SentToday, TicketResendRules.PerDhakaDay, null, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Pnr}: ticket SMS handed to the outbox again ({SentToday} today), asked by {Actor}")]
    private static partial void LogTicketResent(ILogger logger, string pnr, int sentToday, string actor);
}
