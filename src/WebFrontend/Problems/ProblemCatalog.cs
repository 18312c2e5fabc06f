using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.WebFrontend.Problems;

/// <summary>One error code of the API: its HTTP status, the problem's title, and what it means (docs/api-errors.md).</summary>
public sealed record ProblemKind(string Code, int Status, string Title, string Meaning)
{
    /// <summary>The problem's <c>type</c> URI.</summary>
    public string Type => ProblemCatalog.TypeBase + Code;
}

/// <summary>
/// Every error code the API answers with, in one table: the frontend's problems are built from it
/// (<see cref="ApiProblems"/>) and docs/api-errors.md is checked against it, so a code cannot drift between the two.
/// </summary>
public static class ProblemCatalog
{
    public const string TypeBase = "https://diuparibahan.example/problems/";

    private const int BadRequest = StatusCodes.Status400BadRequest;
    private const int Unauthorized = StatusCodes.Status401Unauthorized;
    private const int Forbidden = StatusCodes.Status403Forbidden;
    private const int NotFound = StatusCodes.Status404NotFound;
    private const int Conflict = StatusCodes.Status409Conflict;

    private static readonly ProblemKind[] Kinds =
    [
        // Request validation before any grain is called.
        new("invalid-request", BadRequest, "The request is not valid", "A required field is missing or a value has the wrong form; detail says which."),
        new("malformed-request", BadRequest, "The request body is not valid JSON for this endpoint", "The body could not be read as the endpoint's JSON."),
        new("request-too-large", StatusCodes.Status413PayloadTooLarge, "Request too large", "The API request body is over the size limit."),
        new("date-out-of-range", BadRequest, "Date out of range", "A day in the query is more than 400 days before or after today."),
        new("invalid-booking-query", BadRequest, "The request is not valid", "Booking search: q is neither a PNR nor a phone number."),
        new("invalid-report-format", BadRequest, "The request is not valid", "Report: format is neither json nor csv."),
        new("invalid-report-range", BadRequest, "The request is not valid", "Report: from and to are not a valid range of days; detail says why."),
        new("invalid-report-top", BadRequest, "The request is not valid", "Report: top is outside 1–100."),
        new("unknown-coach", BadRequest, "Unknown coach", "Trip ops: the coach (or its layout) is not in the network."),

        // Trips, seats and holds (trip grain).
        new("trip-not-found", NotFound, "Trip not found", "There is no such trip."),
        new("unknown-stop", BadRequest, "Unknown stop", "A stop id is not a stop of the network or of the trip."),
        new("invalid-leg", BadRequest, "Invalid journey", "from and to are the same stop or in the wrong order."),
        new("unknown-place", BadRequest, "Unknown city or stop",
            "Trip search and date strip: from or to is neither a city id nor a stop id from /api/stops; field names which."),
        new("same-city", BadRequest, "From and to are the same city",
            "Trip search and date strip: from and to are one city, or a city and one of its own stops."),
        new("unknown-seat", BadRequest, "Unknown seat", "A seat label is not on the trip's coach layout."),
        new("no-seats", BadRequest, "No seats chosen", "The request names no seats."),
        new("too-many-seats", BadRequest, "Too many seats", "More seats than one hold may take."),
        new("duplicate-seat", BadRequest, "Seat listed twice", "The same seat appears twice in one request."),
        new("seats-unavailable", Conflict, "Seats no longer available", "Some seats are held, sold or blocked on the leg; conflicts lists them."),
        new("hold-limit-reached", Conflict, "Hold limit reached", "The caller already has as many live holds on the trip as allowed."),
        new("quota-exceeded", Conflict, "Seat limit for this phone reached",
            "The phone's passenger quota is used up; limit names it (seats-per-trip, holds-per-trip, held-seats-overall) and max its size."),
        new("hold-cooloff", StatusCodes.Status429TooManyRequests, "Too many unpaid holds: wait a little",
            "The phone let too many holds expire unpaid; it may hold again after Retry-After (also until and retryAfter)."),
        new("phone-blocked", Forbidden, "This phone may not hold seats", "Operations blocked the phone from holding seats; until and reason say for how long and why."),
        new("hold-not-found", NotFound, "Hold not found", "There is no such hold, or it has expired and gone."),
        new("not-hold-owner", Forbidden, "Not your hold", "The hold belongs to someone else."),
        new("hold-expired", Conflict, "Hold expired", "The hold ran out before it was booked or paid."),
        new("sales-closed", Conflict, "Sales closed", "Sales for the departure, or from that boarding stop, have closed."),
        new("trip-cancelled", Conflict, "Trip cancelled", "Operations cancelled the trip."),
        new("sale-not-found", NotFound, "Sale not found", "There is no such sale (sold seats) on the trip."),
        new("already-extended", Conflict, "Hold already extended", "The hold was extended already; it can be extended once."),
        new("trip-departed", Conflict, "Trip already departed", "The trip has left; it can no longer be changed."),
        new("coach-incompatible", Conflict, "Coach not compatible with the trip", "The coach cannot replace the trip's coach; detail says why."),

        // Bookings and ticket changes (booking grain).
        new("booking-not-found", NotFound, "Booking not found",
            "No such booking, or it is not the caller's (the same answer, so PNRs cannot be probed). The Stripe webhook answers 400 with this code for an event naming no booking."),
        new("booking-link-invalid", NotFound, "Link not valid", "The booking link is unknown, already used or expired (links work once, for 15 minutes)."),
        new("passenger-count-mismatch", BadRequest, "One passenger per seat", "The number of passengers is not the number of held seats."),
        new("invalid-passenger", BadRequest, "Passenger details are not valid", "A passenger lacks a name or a gender, or a name, phone or gender is malformed."),
        new("invalid-passport", BadRequest, "Passport details are not valid",
            "Cross-border route: a passenger's passport number, nationality or expiry is missing or malformed, or it expires less than 6 months after travel; detail names the passenger and field."),
        new("point-not-on-trip", BadRequest, "Boarding or dropping point not on this journey",
            "The boarding point is not a point of the booked leg's first stop, or the dropping point not of its last stop."),
        new("invalid-contact", BadRequest, "Contact details are not valid", "The contact phone or e-mail is malformed."),
        new("not-cancellable", Conflict, "Booking cannot be cancelled", "The booking cannot be cancelled in its state; detail says why."),
        new("pnr-taken", Conflict, "Booking reference in use", "The PNR derived for this request belongs to another booking."),
        new("payment-not-started", Conflict, "Payment not started", "The booking has no payment to complete."),
        new("payment-not-retryable", Conflict, "Nothing to pay again", "Paying again needs a failed payment; this booking's payment has not failed (still payable, or paid)."),
        new("not-changeable", Conflict, "Booking cannot be changed", "The booking cannot be changed in its state; detail says why."),
        new("change-cutoff-passed", Conflict, "Too late to change", "Changes close a while before departure."),
        new("other-route", BadRequest, "Not the same route", "A trip change must stay on the booking's route."),
        new("change-in-progress", Conflict, "Another change is waiting for payment", "Finish or abandon the pending trip change first."),
        new("no-such-passenger", BadRequest, "No such passenger", "The booking has no passenger on that seat."),
        new("last-passenger", Conflict, "Only passenger of the booking", "Cancel the whole booking instead of its last passenger."),
        new("no-change-pending", Conflict, "No change waiting for payment", "There is no trip change to pay for or abandon."),
        new("ladies-seat", Conflict, "Ladies seat",
            "A passenger who is not female is on a ladies seat before those seats open to all; seats lists them, nothing was held or sold beyond what was."),
        new("ticket-not-issued", Conflict, "No ticket to send", "Ticket resend: only a paid (confirmed) booking has a ticket SMS to send again."),
        new("resend-limit-reached", StatusCodes.Status429TooManyRequests, "Ticket sent often enough today",
            "Ticket resend: the ticket SMS was sent again 3 times this Dhaka day; Retry-After (also until, retryAfter) says when the next is allowed."),

        // Payments.
        new("stripe-not-configured", BadRequest, "Stripe payments are not configured", "The Stripe webhook was called on a frontend without Stripe keys."),
        new("bkash-not-configured", BadRequest, "bKash payments are not configured", "The bKash callback was called on a frontend without bKash settings."),
        new("invalid-callback", BadRequest, "Not a bKash callback", "The callback's paymentID is not a bKash payment id, or status is not success, failure or cancel."),
        new("payment-not-found", NotFound, "No such payment", "There is no payment of ours under this provider payment id; nothing was changed."),
        new("payment-method-unavailable", BadRequest, "Payment method not offered", "paymentMethod names a method this site does not offer; detail lists the ones it does."),
        new("payment-provider-unavailable", StatusCodes.Status503ServiceUnavailable, "Payment provider briefly unavailable",
            "The payment provider gave no definite answer; nothing was lost, retry in a moment (Retry-After)."),
        new("invalid-wallet-input", BadRequest, "Wallet details not valid", "Simulated bKash wallet: an 11-digit number (01…), a 6-digit code and a 5-digit PIN are needed."),
        new("invalid-signature", BadRequest, "Invalid signature", "The Stripe-Signature header is missing, wrong or too old."),

        // Network changes (catalog grain, ops).
        new("invalid-stop", BadRequest, "Stop not valid", "The stop is not valid; field names the offending input."),
        new("stop-in-use", Conflict, "Stop in use", "A route still uses the stop."),
        new("invalid-layout", BadRequest, "Seat layout not valid", "The seat layout is not valid; field names the offending input."),
        new("layout-in-use", Conflict, "Seat layout in use", "A coach still uses the layout."),
        new("invalid-coach", BadRequest, "Coach not valid", "The coach is not valid; field names the offending input."),
        new("invalid-route", BadRequest, "Route not valid", "The route is not valid; field names the offending input."),
        new("invalid-schedule", BadRequest, "Schedule not valid", "The schedule is not valid; field names the offending input."),
        new("schedule-overlap", Conflict, "Schedule overlaps another", "The schedule clashes with another; detail says which."),
        new("coach-busy", Conflict, "Coach already on another trip", "Trip ops: the coach is on another trip at that time; otherTrip names it."),
        new("point-id-taken", Conflict, "Point id already used", "A boarding or dropping point id of the stop is already a point of another stop; point ids are unique across the network. Nothing was changed."),
        new("cross-border-required", BadRequest, "Route must be marked cross-border", "A stop of the route is abroad (it has a country) but the route is not marked crossBorder, or a stop made abroad is on such a route. Nothing was changed."),
        new("not-found", NotFound, "Not found", "The network item to change or delete does not exist."),

        // Notification outbox (ops).
        new("outbox-message-not-found", NotFound, "The notification was not retried", "There is no notification with this id."),
        new("outbox-message-not-retryable", Conflict, "The notification was not retried", "Only failed (retrying) or dead notifications can be retried."),

        // Backups of the embedded database (ops).
        new("backup-no-space", Conflict, "The backup folder does not have enough space", "No backup was taken: the backup folder's disk has less free space than the database; detail says how much."),
        new("backup-failed", Conflict, "The backup could not be taken", "The backup folder cannot be written or the copy failed its integrity check; detail says why. Nothing was left behind."),
        new("backups-in-cluster", Conflict, "Backups are taken by the database tooling in cluster mode", "Cluster mode: PostgreSQL is backed up with deploy/cluster.sh backup and listed with deploy/cluster.sh backups."),

        // Accounts and access.
        new("invalid-login", BadRequest, "Not a mobile number or e-mail address", "The login is neither a Bangladeshi mobile number nor an e-mail address."),
        new("weak-password", BadRequest, "Password too weak", "The password does not meet the rules; detail says which."),
        new("invalid-name", BadRequest, "Invalid name", "The name is not acceptable; detail says why."),
        new("login-taken", Conflict, "Account already exists", "An account with this login exists."),
        new("invalid-credentials", Unauthorized, "Wrong login or password", "Unknown account or wrong password (deliberately one answer)."),
        new("already-signed-in", BadRequest, "The request is not valid", "A guest token was asked for by a signed-in user; guest tokens are for anonymous visitors."),
        new("invalid-refresh-token", Unauthorized, "Session expired", "The refresh token is missing, unknown or expired."),
        new("refresh-token-reused", Unauthorized, "Session revoked", "A refresh token was used twice; the whole session is revoked."),
        new("unauthenticated", Unauthorized, "Sign-in required", "The endpoint needs a valid access token (Authorization: Bearer)."),
        new("forbidden", Forbidden, "Not allowed", "The signed-in account lacks the role the endpoint needs."),
        new("admin-key-required", Unauthorized, "Admin key required", "Cluster operations need a valid X-Admin-Key header."),
        new("origin-not-allowed", Forbidden, "Origin not allowed", "A page from another origin tried to connect to a live hub (seats or the waiting room)."),
        new("rate-limited", StatusCodes.Status429TooManyRequests, "Too many requests", "Too many requests or sign-in attempts; Retry-After says when to try again."),
        new("invalid-phone", BadRequest, "Not a Bangladeshi mobile number", "Code sign-in: the phone is not a Bangladeshi mobile number (any digits, +880/880/0 prefixes)."),
        new("invalid-code-format", BadRequest, "A code is six digits", "Code sign-in: the code is not six digits; no try is spent."),
        new("invalid-code", Unauthorized, "Wrong or expired code",
            "Code sign-in: the code is wrong, expired, already used, past its five tries or was never requested (deliberately one answer)."),
        new("otp-cooldown", StatusCodes.Status429TooManyRequests, "Code just sent", "A code was sent to this phone less than a minute ago; Retry-After says when to ask again."),
        new("otp-hourly-limit", StatusCodes.Status429TooManyRequests, "Too many codes", "This phone was sent five codes this hour; Retry-After says when the hour ends."),
        new("challenge-required", StatusCodes.Status428PreconditionRequired, "Checking your connection",
            "Code sign-in: many code requests come from this network, so this one must carry a solved proof-of-work challenge; challenge has the token, difficulty and expiresAt. No SMS was sent."),
        new("challenge-invalid", BadRequest, "Challenge not accepted",
            "Code sign-in: the challenge solution is forged, for another phone, does not solve it, or was already used. No SMS was sent."),
        new("password-sign-in-required", Forbidden, "Sign in with your password", "A staff account tried to sign in by SMS code."),
        new("account-disabled", Forbidden, "Account disabled", "Right password (or token), but operations disabled the staff account; its sessions are revoked."),
        new("wrong-password", Forbidden, "Current password is wrong", "Password change: the current (or temporary) password is wrong; nothing was changed."),

        // Staff management (ops).
        new("unknown-role", BadRequest, "Unknown role", "Staff: the role is not clerk, supervisor or ops."),
        new("unknown-counter", BadRequest, "Unknown counter", "Staff: the counter is not a stop of the network."),
        new("counter-required", BadRequest, "Counter required", "Staff: a clerk needs a counter."),
        new("counter-not-allowed", BadRequest, "Counter not allowed", "Staff: an ops account has no counter."),
        new("staff-not-found", NotFound, "No such staff account", "Staff: there is no staff account with this id."),
        new("last-ops", Conflict, "The last ops account must stay", "Staff: the change would leave no enabled ops account; nothing was changed."),

        // Boarding at the door (supervisor).
        new("ticket-invalid", BadRequest, "Not a valid ticket", "Boarding: the QR payload is not a Diu Paribahan ticket, or its signature does not check out."),
        new("invalid-pnr", BadRequest, "Not a PNR", "Boarding: neither a QR payload nor a PNR such as DP-7K3M9Q was given."),
        new("wrong-trip", Conflict, "Booked on another trip", "Boarding: the booking is on another trip than this coach."),
        new("not-boardable", Conflict, "Booking cannot board", "Boarding: only paid (confirmed) bookings board."),
        new("ticket-superseded", Conflict, "Ticket replaced", "Boarding: a change issued a newer ticket; the scanned one no longer counts."),
        new("phone-verification-required", Unauthorized, "Verify your phone",
            "Holding seats online needs a passenger signed in with a phone verified by SMS code (or staff); nothing was held."),

        // Sale windows and the waiting room.
        new("invalid-sale-window", BadRequest, "Sale window not valid",
            "Ops: a field of the sale window is missing or out of range (opening in the past, no routes or days, unknown route, rate or validity); detail says which."),
        new("sale-window-overlap", Conflict, "Sale window overlaps another", "Ops: another announced window covers one of the routes on one of the days; detail names it."),
        new("sale-window-not-found", NotFound, "Sale window not found", "There is no such sale window."),
        new("sale-window-closed", Conflict, "Sale closed", "The sale window was closed; it takes no joins and no changes."),
        new("sale-window-opened", Conflict, "Sale already open", "Ops: the window has opened, so it can no longer be changed (only closed)."),
        new("sale-window-sold-out", Conflict, "Sold out", "Every seat of the sale is taken; the queue takes no new places (waiters keep theirs)."),
        new("not-in-queue", NotFound, "Not in the queue", "This phone has not joined the sale's queue."),
        new("queue-full", Conflict, "Queue full", "The sale's queue holds as many phones as it may."),
        new("queue-required", Forbidden, "Join the waiting room first",
            "The trip is in an announced sale window: online holds need an admission from its queue; windowId, opensAt and queueUrl say where. Counters are not queued."),
        new("admission-expired", Forbidden, "Admission expired", "The admission for the sale ran out before this hold; rejoin the queue (windowId, queueUrl)."),
        new("admission-invalid", Forbidden, "Admission not valid",
            "The admission is forged, or for another sale window or phone; nothing was held (windowId, queueUrl)."),
        new("counter-quota-reached", Conflict, "Counter share of this sale used up",
            "Counter sale: the trip is in a sale window that caps counter seats per trip and this sale would go over it; limit (counter-seats-per-trip) and max say the cap. Nothing was sold."),

        // Server side.
        new("unavailable", StatusCodes.Status503ServiceUnavailable, "The trip is briefly unavailable; nothing was changed. Please retry.",
            "A grain could not load or save its state, or is moving between silos; Retry-After: 1."),
        new("overloaded", StatusCodes.Status503ServiceUnavailable, "Very busy: please retry in a moment",
            "Admission control: too many requests of this kind are in progress or waiting on this server; nothing was done. Retry-After says when to retry."),
        new("sms-unavailable", StatusCodes.Status503ServiceUnavailable, "SMS unavailable",
            "Sign-in codes cannot be sent: no SMS gateway is configured, or it refused the message; Retry-After says when to try again."),
        new("sms-ceiling", StatusCodes.Status503ServiceUnavailable, "Sign-in codes paused",
            "The cluster has sent its hourly budget of sign-in SMS (Auth:Otp:SmsPerHourCeiling); no code was sent and nothing was counted against the phone. Retry-After says when the next hour's budget opens."),
        new("internal-error", StatusCodes.Status500InternalServerError, "Something went wrong on our side.", "An unexpected failure, logged on the server."),
    ];

    private static readonly Dictionary<string, ProblemKind> ByCode = Kinds.ToDictionary(k => k.Code, StringComparer.Ordinal);

    /// <summary>Every code, in the order of docs/api-errors.md.</summary>
    public static IReadOnlyList<ProblemKind> All => Kinds;

    /// <summary>The entry for <paramref name="code"/>; an unknown code is a programming error, not a client's.</summary>
    public static ProblemKind Get(string code) =>
        ByCode.TryGetValue(code, out var kind) ? kind : throw new KeyNotFoundException($"Problem code '{code}' is not in the catalog.");

    public static bool Contains(string code) => ByCode.ContainsKey(code);

    public static string CodeFor(TripErrorCode code) => Kebab(code.ToString());

    public static string CodeFor(BookingErrorCode code) => Kebab(code.ToString());

    public static string CodeFor(CatalogErrorCode code) => Kebab(code.ToString());

    public static string CodeFor(Grains.Queue.SaleWindowErrorCode code) => Kebab(code.ToString());

    public static int StatusFor(TripErrorCode code) => Get(CodeFor(code)).Status;

    public static int StatusFor(BookingErrorCode code) => Get(CodeFor(code)).Status;

    /// <summary>Kebab case of a PascalCase name, e.g. <c>SeatsUnavailable</c> → <c>seats-unavailable</c>.</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
