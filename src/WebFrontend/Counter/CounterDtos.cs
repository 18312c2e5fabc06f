using DiuParibahan.WebFrontend.Bookings;
namespace DiuParibahan.WebFrontend.Counter;

/// <summary>A cash sale; <paramref name="BoardingPoint"/>/<paramref name="DroppingPoint"/> as for an online booking.</summary>
public sealed record CounterSaleRequest(
    string? TripId, IReadOnlyList<string?>? Seats, string? From, string? To, IReadOnlyList<PassengerRequest?>? Passengers, string? RequestId,
    string? BoardingPoint = null, string? DroppingPoint = null);

public sealed record CounterSaleLineDto(string Pnr, string TripId, IReadOnlyList<string> Seats, int Amount, DateTimeOffset At);

public sealed record CounterSummaryDto(
    string Clerk, string Counter, DateOnly Date, int Tickets, int Seats, decimal Cash, IReadOnlyList<CounterSaleLineDto> Sales);
