namespace DiuParibahan.Hosting.Events;

/// <summary>
/// One row of the append-only events log (audit and analytics).
/// </summary>
/// <param name="OccurredAt">When it happened; stored in UTC.</param>
/// <param name="Kind">What happened, a stable dotted name such as <c>booking.confirmed</c>; reports group by it.</param>
/// <param name="TripId">The trip concerned, if any.</param>
/// <param name="BookingRef">The booking (PNR) concerned, if any.</param>
/// <param name="Actor">Who caused it (user id, counter agent, <c>system</c>), if known. Never a phone number or token.</param>
/// <param name="PayloadJson">The details as a JSON document (an object, usually); must be valid JSON.</param>
public sealed record DomainEvent(
    DateTimeOffset OccurredAt,
    string Kind,
    string? TripId,
    string? BookingRef,
    string? Actor,
    string PayloadJson);
