using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Payments;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>What settling a bKash payment came to: the booking it belongs to (null if none of ours) and how far it got.</summary>
public sealed record BkashOutcome(string? Pnr, BkashOutcomeKind Kind);

public enum BkashOutcomeKind
{
    /// <summary>bKash knows no such payment of ours: nothing changed.</summary>
    Unknown,

    /// <summary>bKash says the money moved; the booking was told (it confirms, re-sells late, or refunds).</summary>
    Paid,

    /// <summary>bKash says nothing was paid and the payer cancelled or failed: the booking's payment failed.</summary>
    Failed,

    /// <summary>
    /// bKash says the money moved, but the booking could not keep it (the trip was cancelled while the payer was in the
    /// wallet, the seats went to someone else, the amount was wrong): no seat was sold and the money is owed back.
    /// </summary>
    Refunded,

    /// <summary>No definite answer yet (the payer is still in the wallet, or bKash timed out): the reconciler will look again.</summary>
    Pending,

    /// <summary>bKash's answer does not match what we asked for (currency or invoice): nothing confirmed, logged.</summary>
    Mismatch,
}

/// <summary>
/// The one place that turns bKash's answers into booking transitions, used by the callback and by the reconciler.
/// A callback's own word is never believed: <c>status=success</c> only earns an execute (at most one per payment,
/// decided atomically by <see cref="IPendingPaymentsGrain"/>), every other case a payment status query, and only a
/// Completed answer whose currency and invoice number are ours reaches the booking, with the amount bKash reports (the
/// booking refunds an amount that is not the fare). An execute whose answer is lost is followed by queries only.
/// </summary>
public sealed partial class BkashSettlement(
    BkashClient client, IGrainFactory grains, BookingPayments payments, ILogger<BkashSettlement> logger)
{
    private IPendingPaymentsGrain Pending => grains.GetGrain<IPendingPaymentsGrain>(PaymentProviders.Bkash);

    /// <summary>
    /// A callback arrived for <paramref name="paymentId"/> with <paramref name="status"/> (<c>success</c>,
    /// <c>failure</c> or <c>cancel</c>, as bKash words it, or anyone forging it).
    /// </summary>
    public async Task<BkashOutcome> CallbackAsync(string paymentId, string status, CancellationToken ct)
    {
        if (await Pending.FindAsync(paymentId) is not { } payment)
        {
            // Not in flight: settled already (a repeated callback), or not ours. bKash's word decides which.
            return await SettledOrUnknownAsync(paymentId, ct);
        }
        if (status == "success" && await Pending.TryBeginExecuteAsync(paymentId))
        {
            return await ExecuteAsync(payment, ct);
        }
        var answer = await QueryAsync(payment, ct);
        if (answer is null)
        {
            return new(payment.Pnr, BkashOutcomeKind.Pending);
        }
        if (answer.Completed)
        {
            return await PaidAsync(payment, answer, ct);
        }
        // Told "cancel" or "failure" and bKash confirms nothing moved: the payment failed, unless an execute is still
        // unaccounted for (then only bKash's later answer may settle it).
        var current = await Pending.FindAsync(paymentId);
        return status is "cancel" or "failure" && current is { ExecuteSent: false }
            ? await FailAsync(payment, status == "cancel" ? "The payment was cancelled in bKash." : "bKash could not complete the payment.")
            : new(payment.Pnr, BkashOutcomeKind.Pending);
    }

    /// <summary>
    /// The reconciler's look at a payment whose callback has not settled it: query; if the payer authorised but the
    /// callback was lost, execute (once); give up on one that is still unpaid after <paramref name="giveUp"/> (bKash
    /// charged nothing, and the booking expires on its own).
    /// </summary>
    public async Task<BkashOutcome> ReconcileAsync(PendingPayment payment, bool giveUp, CancellationToken ct)
    {
        var answer = await QueryAsync(payment, ct);
        if (answer is null)
        {
            return new(payment.Pnr, BkashOutcomeKind.Pending);
        }
        if (answer.Completed)
        {
            return await PaidAsync(payment, answer, ct);
        }
        if (!answer.Succeeded && answer.StatusCode is not null)
        {
            LogQueryRefused(logger, payment.Pnr, answer.StatusCode, answer.StatusMessage);
        }
        if (!payment.ExecuteSent && await Pending.TryBeginExecuteAsync(payment.Reference))
        {
            var executed = await ExecuteAsync(payment, ct);
            if (executed.Kind != BkashOutcomeKind.Pending || !giveUp)
            {
                return executed;
            }
        }
        if (giveUp && !(await Pending.FindAsync(payment.Reference) is { ExecuteSent: true }))
        {
            LogGivenUp(logger, payment.Pnr, answer.TransactionStatus);
            await Pending.RemoveAsync(payment.Reference);
            return new(payment.Pnr, BkashOutcomeKind.Failed);
        }
        return new(payment.Pnr, BkashOutcomeKind.Pending);
    }

    private async Task<BkashOutcome> ExecuteAsync(PendingPayment payment, CancellationToken ct)
    {
        BkashAnswer executed;
        try
        {
            executed = await client.ExecuteAsync(payment.Reference, ct);
        }
        catch (BkashUnavailableException ex)
        {
            // The execute may have gone through: from now on only queries (the entry stays marked as executed).
            LogExecuteUnknown(logger, ex, payment.Pnr);
            var answer = await QueryAsync(payment, ct);
            return answer?.Completed == true ? await PaidAsync(payment, answer, ct) : new(payment.Pnr, BkashOutcomeKind.Pending);
        }
        if (executed.Completed)
        {
            return await PaidAsync(payment, executed, ct);
        }
        // A definite refusal: nothing was charged by this execute. It may have been refused because an earlier one
        // completed (a duplicate), so bKash's status decides; otherwise a later execute is allowed again.
        var status = await QueryAsync(payment, ct);
        if (status?.Completed == true)
        {
            return await PaidAsync(payment, status, ct);
        }
        await Pending.ExecuteRefusedAsync(payment.Reference);
        LogExecuteRefused(logger, payment.Pnr, executed.StatusCode, executed.StatusMessage);
        return status is { Succeeded: true, TransactionStatus: "Initiated" } && IsPayerStillDeciding(executed)
            ? new(payment.Pnr, BkashOutcomeKind.Pending)
            : await FailAsync(payment, $"bKash declined the payment: {executed.StatusMessage ?? executed.StatusCode}.");
    }

    /// <summary>bKash refuses an execute the payer has not authorised yet; that is not a failure of the payment.</summary>
    private static bool IsPayerStillDeciding(BkashAnswer executed) => executed.StatusCode is "2056" or "2117";

    private async Task<BkashOutcome> PaidAsync(PendingPayment payment, BkashAnswer answer, CancellationToken ct)
    {
        if (answer.PaymentId is { } id && id != payment.Reference || answer.Currency != "BDT" || answer.MerchantInvoiceNumber != payment.Invoice
            || answer.AmountPoisha is not { } amount
            // A trip change's payment is applied without an amount check in the booking, so it is checked here.
            || (BkashInvoice.IsChange(payment.Invoice) && payment.AmountPoisha != 0 && amount != payment.AmountPoisha))
        {
            LogMismatch(logger, payment.Pnr, answer.Currency, answer.MerchantInvoiceNumber, answer.Amount);
            return new(payment.Pnr, BkashOutcomeKind.Mismatch);
        }
        BookingResult result;
        try
        {
            result = await payments.SucceededAsync(payment.Pnr, payment.Reference, amount, ct, answer.TrxId);
        }
        catch (BkashUnavailableException ex)
        {
            // The booking knows it is paid and owes a refund (late payment, seats taken); the refund is retried by the
            // reconciler (the entry stays) and by the next read of the booking.
            LogRefundDeferred(logger, ex, payment.Pnr);
            return new(payment.Pnr, BkashOutcomeKind.Paid);
        }
        if (result.Failure is { } failure)
        {
            LogNotApplied(logger, payment.Pnr, failure.Code);
        }
        await Pending.RemoveAsync(payment.Reference);
        LogPaid(logger, payment.Pnr, answer.TrxId);
        return new(payment.Pnr, result.Booking is { Status: BookingStatus.Cancelled or BookingStatus.Refunded, Refund.Amount: > 0 }
            ? BkashOutcomeKind.Refunded
            : BkashOutcomeKind.Paid);
    }

    private async Task<BkashOutcome> FailAsync(PendingPayment payment, string reason)
    {
        var result = await payments.FailedAsync(payment.Pnr, payment.Reference, reason);
        if (result.Failure is { } failure)
        {
            LogNotApplied(logger, payment.Pnr, failure.Code);
        }
        await Pending.RemoveAsync(payment.Reference);
        return new(payment.Pnr, BkashOutcomeKind.Failed);
    }

    /// <summary>The payment status, or null when bKash gave no definite answer.</summary>
    private async Task<BkashAnswer?> QueryAsync(PendingPayment payment, CancellationToken ct)
    {
        try
        {
            return await client.QueryAsync(payment.Reference, ct);
        }
        catch (BkashUnavailableException ex)
        {
            LogQueryUnknown(logger, ex, payment.Pnr);
            return null;
        }
    }

    /// <summary>
    /// A callback for a payment no longer (or never) in flight. Only a payment bKash reports Completed under one of
    /// our invoice numbers names a booking; the booking ignores what it already knows, so a repeat changes nothing.
    /// </summary>
    private async Task<BkashOutcome> SettledOrUnknownAsync(string paymentId, CancellationToken ct)
    {
        BkashAnswer answer;
        try
        {
            answer = await client.QueryAsync(paymentId, ct);
        }
        catch (BkashUnavailableException ex)
        {
            LogQueryUnknown(logger, ex, "?");
            return new(null, BkashOutcomeKind.Unknown);
        }
        var pnr = BkashInvoice.PnrOf(answer.MerchantInvoiceNumber);
        if (!answer.Succeeded || pnr is null || answer.PaymentId is { } id && id != paymentId)
        {
            LogUnknownPayment(logger, answer.StatusCode);
            return new(null, BkashOutcomeKind.Unknown);
        }
        var booking = await grains.GetGrain<IBookingGrain>(pnr).GetAsync();
        if (booking is null || booking.Payment.Provider != PaymentProviders.Bkash
            || (booking.Payment.Reference != paymentId && booking.Changes?.Pending?.PaymentReference != paymentId))
        {
            LogUnknownPayment(logger, answer.StatusCode);
            return new(null, BkashOutcomeKind.Unknown);
        }
        return answer.Completed
            ? await PaidAsync(new PendingPayment(paymentId, pnr, answer.MerchantInvoiceNumber!, answer.AmountPoisha ?? 0, default), answer, ct)
            : new(pnr, BkashOutcomeKind.Pending);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash payment of {Pnr} applied, but its refund could not be paid now; retried later")]
    private static partial void LogRefundDeferred(ILogger logger, Exception exception, string pnr);

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash payment of {Pnr} completed (trxID {TrxId})")]
    private static partial void LogPaid(ILogger logger, string pnr, string? trxId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash execute for {Pnr} has no known outcome; only queries from now on")]
    private static partial void LogExecuteUnknown(ILogger logger, Exception exception, string pnr);

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash refused the execute for {Pnr}: {Code} {Message}")]
    private static partial void LogExecuteRefused(ILogger logger, string pnr, string? code, string? message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash status query for {Pnr} has no answer; retried later")]
    private static partial void LogQueryUnknown(ILogger logger, Exception exception, string pnr);

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash status query for {Pnr} refused: {Code} {Message}")]
    private static partial void LogQueryRefused(ILogger logger, string pnr, string? code, string? message);

    [LoggerMessage(Level = LogLevel.Error, Message = "bKash answer for {Pnr} does not match our payment (currency {Currency}, invoice {Invoice}, amount {Amount}); nothing confirmed")]
    private static partial void LogMismatch(ILogger logger, string pnr, string? currency, string? invoice, string? amount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash callback for a payment that is not ours or unknown to bKash ({Code}); nothing changed")]
    private static partial void LogUnknownPayment(ILogger logger, string? code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bKash outcome for {Pnr} not applied to the booking: {Code}")]
    private static partial void LogNotApplied(ILogger logger, string pnr, BookingErrorCode code);

    [LoggerMessage(Level = LogLevel.Information, Message = "bKash payment of {Pnr} still unpaid ({Status}) at the end of reconciliation; given up, nothing was charged")]
    private static partial void LogGivenUp(ILogger logger, string pnr, string? status);
}
