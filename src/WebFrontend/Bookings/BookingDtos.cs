using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Changes;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// A passenger as sent: <paramref name="Phone"/> optional (only the contact needs one; one number may repeat),
/// <paramref name="Passport"/> required on cross-border routes and ignored elsewhere.
/// </summary>
public sealed record PassengerRequest(string? Name, string? Phone, string? Gender, PassportRequest? Passport = null);

/// <summary>A passport as sent: <paramref name="Expiry"/> as <c>yyyy-MM-dd</c>, <paramref name="Nationality"/> ISO alpha-3 (BGD, IND).</summary>
public sealed record PassportRequest(string? Number, string? Nationality, string? Expiry);

public sealed record ContactRequest(string? Phone, string? Email);

/// <summary>
/// <paramref name="Language"/> (<c>en</c>/<c>bn</c>) of the passenger's notifications; else the Accept-Language header
/// decides. <paramref name="PaymentMethod"/>: <c>bkash</c> or <c>card</c> (the default). <paramref name="BoardingPoint"/>
/// and <paramref name="DroppingPoint"/>: point ids from the trip's <c>boardingPoints</c>/<c>droppingPoints</c> at the held
/// leg's first and last stop; omitted, the stop's first point. The contact phone defaults to the caller's verified phone.
/// </summary>
public sealed record CreateBookingRequest(string? HoldId, IReadOnlyList<PassengerRequest?>? Passengers, ContactRequest? Contact,
    string? Language = null, string? PaymentMethod = null, string? BoardingPoint = null, string? DroppingPoint = null);

public sealed record LookupRequest(string? Pnr, string? Phone, string? Language = null);

/// <summary>The one answer to a lookup, match or not.</summary>
public sealed record LookupAcceptedDto(string Message)
{
    public static readonly LookupAcceptedDto Sent = new("If the booking reference and phone number match a booking, a link to it has been sent by SMS to that phone.");
}

public sealed record RedeemLinkRequest(string? Secret);

/// <summary>What a texted link opens: the booking and its guest token, for the ticket page.</summary>
public sealed record BookingLinkDto(string Pnr, string BookingToken);

public sealed record SimulatePaymentRequest(string? Outcome);

public sealed record PassengerDto(string Name, string Phone, string Gender, string Seat);

public sealed record ContactDto(string Phone, string? Email);

/// <summary>One leg of the fare: per seat and for all seats, whole taka; stop names in English and Bangla.</summary>
public sealed record FareLegDto(string From, string FromName, string To, string ToName, int PerSeat, int Amount,
    string FromNameBn, string ToNameBn);

/// <summary>A charge on top of the fare: <c>payment-fee</c>, <c>service-charge</c> or <c>change-fee</c>.</summary>
public sealed record FareChargeDto(string Code, int Amount);

/// <summary>
/// What a booking costs, whole taka (BDT): <paramref name="Base"/> is the legs for every seat, <paramref name="Total"/>
/// = base + <paramref name="Fees"/> − <paramref name="Discount"/>, the amount charged. <paramref name="Paid"/> is what the
/// passenger has paid in all for the current ticket: the total plus change fees paid on trip changes.
/// </summary>
public sealed record FareDto(int PerSeat, int Seats, int Total, string Currency, int Base = 0, IReadOnlyList<FareLegDto>? Legs = null,
    IReadOnlyList<FareChargeDto>? Fees = null, int Discount = 0, int Paid = 0)
{
    public static FareDto Of(BookingView b, IReadOnlyDictionary<string, Stop> stops)
    {
        var fare = b.Fare ?? new FareBreakdown([new FareLeg(b.Journey.From, b.Journey.To, b.FarePerSeat)], b.Seats.Count, [], 0);
        var fees = fare.Charges.Select(c => new FareChargeDto(c.Code, c.Amount)).ToList();
        var changeFees = b.Changes?.FeesPaid ?? 0;
        if (changeFees > 0)
        {
            fees.Add(new FareChargeDto(FareBreakdown.ChangeFee, changeFees));
        }
        var legs = fare.Legs.Select(l => new FareLegDto(l.From, stops.GetValueOrDefault(l.From)?.NameEn ?? l.From,
            l.To, stops.GetValueOrDefault(l.To)?.NameEn ?? l.To, l.PerSeat, l.PerSeat * b.Seats.Count,
            stops.GetValueOrDefault(l.From)?.NameBn ?? l.From, stops.GetValueOrDefault(l.To)?.NameBn ?? l.To)).ToList();
        return new(b.FarePerSeat, b.Seats.Count, b.Total, "BDT", fare.PerSeat * b.Seats.Count, legs, fees, fare.Discount, b.Total + changeFees);
    }
}

/// <summary>
/// A boarding or dropping point of a booking: <paramref name="At"/> is the reporting time for boarding (before the coach
/// leaves) and the arrival for dropping.
/// </summary>
public sealed record BookingPointDto(string Id, string StopId, string NameEn, string NameBn, DateTimeOffset At)
{
    public static BookingPointDto Of(BookingPoint p) => new(p.Id, p.StopId, p.NameEn, p.NameBn, p.At);
}

/// <summary>
/// A booking's payment. <paramref name="RedirectUrl"/> is the wallet page to send the payer to (bKash) while payment
/// is due; <paramref name="TransactionId"/> the provider's receipt number once paid (a bKash trxID).
/// </summary>
public sealed record PaymentDto(string Provider, PaymentStatus Status, int Amount, string? ClientSecret, string? PublishableKey,
    string? RedirectUrl = null, string? TransactionId = null);

public sealed record RefundDto(decimal Amount, int Percent, string Reason);

/// <summary><paramref name="Previous"/>: what a trip change replaced (old departure of a delay, old coach of a coach change).</summary>
public sealed record HistoryDto(DateTimeOffset At, string Kind, string Detail, string? Previous = null);

public sealed record CancellationQuoteDto(int RefundPercent, decimal RefundAmount, string Reason);

public sealed record BookingDto(
    string Pnr, BookingStatus Status, string TripId, string RouteName, string RouteNameBn, string From, string FromName,
    string To, string ToName, DateTimeOffset Departure, DateTimeOffset Arrival, string CoachClass, string CoachRegistration,
    IReadOnlyList<string> Seats, IReadOnlyList<PassengerDto> Passengers, ContactDto Contact, FareDto Fare, string Channel,
    PaymentDto Payment, DateTimeOffset HoldExpiresAt, string? BookingToken, RefundDto? Refund,
    IReadOnlyList<HistoryDto> History, DateTimeOffset CreatedAt, int TicketIssue = 1, PendingChangeDto? PendingChange = null,
    IReadOnlyList<ChangeRefundDto>? ChangeRefunds = null, BookingPointDto? Boarding = null, BookingPointDto? Dropping = null)
{
    /// <summary>
    /// The HTTP shape of a booking. The guest token only goes to the booking's owner (or a successful lookup); the
    /// client secret only while the payment is still to be made.
    /// </summary>
    public static BookingDto Of(BookingView b, IReadOnlyDictionary<string, Stop> stops, bool includeToken, string? publishableKey)
    {
        var payable = b.Status == BookingStatus.PendingPayment && b.Payment.Status == PaymentStatus.RequiresPayment;
        return new(b.Pnr, b.Status, b.Journey.TripId, b.Journey.RouteNameEn, b.Journey.RouteNameBn,
            b.Journey.From, stops.GetValueOrDefault(b.Journey.From)?.NameEn ?? b.Journey.From,
            b.Journey.To, stops.GetValueOrDefault(b.Journey.To)?.NameEn ?? b.Journey.To,
            b.Journey.Departure, b.Journey.Arrival, b.Journey.CoachClass, b.Journey.CoachRegistration, b.Seats,
            b.Passengers.Select(p => new PassengerDto(p.Name, p.Phone, GenderName(p.Gender), p.Seat)).ToList(),
            new ContactDto(b.Contact.Phone, b.Contact.Email),
            FareDto.Of(b, stops), b.Channel,
            PaymentOf(b, payable, publishableKey),
            b.HoldExpiresAt, includeToken ? b.Token : null,
            b.Refund is { } r ? new RefundDto(r.Amount, r.Percent, r.Reason) : null,
            b.History.Select(h => new HistoryDto(h.At, h.Kind, h.Detail, h.Previous)).ToList(), b.CreatedAt,
            b.Changes?.TicketIssue ?? 1, PendingChangeDto.Of(b, publishableKey),
            (b.Changes?.Refunds ?? []).Select(r => new ChangeRefundDto(r.Amount, r.Reason, r.Completed)).ToList(),
            b.Points is { } points ? BookingPointDto.Of(points.Boarding) : null,
            b.Points is { } dropping ? BookingPointDto.Of(dropping.Dropping) : null);
    }

    public static string GenderName(Gender gender) => gender.ToString().ToLowerInvariant();

    private static PaymentDto PaymentOf(BookingView b, bool payable, string? publishableKey)
    {
        // A wallet's "secret" is the address the payer goes to; it is named for what it is.
        var wallet = b.Payment.Provider == PaymentProviders.Bkash;
        return new(b.Payment.Provider, b.Payment.Status, b.Payment.Amount, payable && !wallet ? b.Payment.ClientSecret : null,
            b.Payment.Provider == "stripe" && payable ? publishableKey : null, payable && wallet ? b.Payment.ClientSecret : null,
            b.Payment.TransactionId);
    }
}

public sealed record VerifiedPassengerDto(string Name, string Seat);

public sealed record TicketVerificationDto(
    bool Valid, string Status, string? Pnr, string? TripId, IReadOnlyList<string>? Seats,
    IReadOnlyList<VerifiedPassengerDto>? Passengers, DateTimeOffset? Departure, string? Message = null);

public sealed record VerifyTicketRequest(string? Payload);
