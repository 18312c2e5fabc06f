using DiuParibahan.Grains.Trips;

namespace DiuParibahan.WebFrontend.Holds;

public sealed record HoldDto(string HoldId, string TripId, IReadOnlyList<string> Seats, string From, string To,
    DateTimeOffset ExpiresAt, int Amount)
{
    public static HoldDto Of(HoldInfo h) =>
        new(HoldReference.Format(h.TripId, h.HoldId), h.TripId, h.Seats, h.From, h.To, h.ExpiresAt, h.Amount);
}

public sealed record CreateHoldRequest(IReadOnlyList<string>? Seats, string? From, string? To, string? RequestId);
