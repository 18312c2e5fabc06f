namespace DiuParibahan.Hosting.Analytics;

/// <summary>One row of the events log as the rollup reads it: its id (insertion order) and the raw JSON payload.</summary>
public sealed record StoredEvent(long Id, DateTimeOffset OccurredAt, string Kind, string? TripId, string? BookingRef, string PayloadJson);
