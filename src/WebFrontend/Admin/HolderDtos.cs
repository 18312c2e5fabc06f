using DiuParibahan.Grains.Phones;

namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Ops: release a phone's holds; <paramref name="Reason"/> is optional and goes to the audit log.</summary>
public sealed record ReleaseHolderRequest(string? Reason);

/// <summary>Ops: refuse a phone's new holds until <paramref name="Until"/> (with its offset), for <paramref name="Reason"/>.</summary>
public sealed record BlockHolderRequest(string? Reason, DateTimeOffset? Until);

/// <summary>The hoarding list at <paramref name="AsOf"/>, most live held seats first.</summary>
public sealed record HoldersDto(DateTimeOffset AsOf, IReadOnlyList<HolderDto> Holders);

/// <summary>
/// One phone as ops see it: the full number, seats and trips in live holds, holds taken in the last hour, holds that
/// expired unpaid within the cool-off window, when its cool-off ends, and its block (null if none).
/// </summary>
public sealed record HolderDto(
    string Phone,
    int HeldSeats,
    int Trips,
    int HoldsLastHour,
    int ExpiredUnpaid,
    DateTimeOffset? CoolOffUntil,
    bool Blocked,
    HolderBlockDto? Block,
    IReadOnlyList<HolderHoldDto> Holds)
{
    public static HolderDto Of(HolderSummary s, DateTimeOffset now) => new(
        s.Phone, s.HeldSeats(now), s.Trips(now), s.HoldsInLastHour(now), s.Lapses.Count, s.CoolOffUntil > now ? s.CoolOffUntil : null,
        s.BlockAt(now) is not null,
        s.BlockAt(now) is { } b ? new HolderBlockDto(b.Reason, b.Until, b.By, b.At) : null,
        s.LiveHolds.Where(h => h.ExpiresAt > now).Select(h => new HolderHoldDto(h.TripId, h.Seats, h.ExpiresAt)).ToList());
}

public sealed record HolderBlockDto(string Reason, DateTimeOffset Until, string By, DateTimeOffset At);

public sealed record HolderHoldDto(string TripId, int Seats, DateTimeOffset ExpiresAt);

/// <summary>What a release freed, and the phone afterwards.</summary>
public sealed record HolderReleaseDto(int Holds, int Seats, int Trips, HolderDto Holder);
