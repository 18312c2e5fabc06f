using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Changes;

public sealed record ChangeSeatsRequest(IReadOnlyList<string>? Seats);

public sealed record TripChangeRequest(string? TripId, IReadOnlyList<string>? Seats, string? RequestId);

public sealed record TripChangeQuoteDto(
    string TripId, DateTimeOffset Departure, int FarePerSeat, int NewTotal, int CurrentTotal, int Fee, int AmountDue, string Currency)
{
    public static TripChangeQuoteDto Of(TripChangeQuote q) =>
        new(q.TripId, q.Departure, q.FarePerSeat, q.NewTotal, q.CurrentTotal, q.Fee, q.AmountDue, "BDT");
}

/// <summary>A trip change waiting for the payment of its difference; the client secret pays it like a booking's.</summary>
public sealed record PendingChangeDto(
    string TripId, IReadOnlyList<string> Seats, TripChangeQuoteDto Quote, DateTimeOffset HoldExpiresAt, string RequestId,
    bool PaymentStarted, string? ClientSecret, string? PublishableKey)
{
    public static PendingChangeDto? Of(BookingView b, string? publishableKey) =>
        b.Changes?.Pending is { } p
            ? new(p.TripId, p.Seats, TripChangeQuoteDto.Of(p.Quote), p.HoldExpiresAt, p.RequestId, p.PaymentReference is not null,
                p.ClientSecret, b.Payment.Provider == "stripe" ? publishableKey : null)
            : null;
}

public sealed record ChangeRefundDto(decimal Amount, string Reason, bool Completed);
