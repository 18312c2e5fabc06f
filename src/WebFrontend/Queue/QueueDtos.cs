using DiuParibahan.Grains.Queue;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// A phone's place: <c>state</c> is waiting, admitted, expired, soldout or closed; <c>position</c> is 1 for next in
/// line (null before the opening lottery and once admitted); <c>estimatedWait</c> in seconds; <c>admission</c> the
/// signed admission while admitted (also set as a cookie for the hold endpoint).
/// </summary>
public sealed record QueuePlaceDto(
    string WindowId, string State, long? Place, long? Position, int? SeatsLeft, DateTimeOffset OpensAt, int EstimatedWait,
    DateTimeOffset? AdmittedUntil, int InLottery, string? Admission)
{
    public static QueuePlaceDto Of(QueueAnswer answer, string? admission) => new(answer.WindowId, StateName(answer.State), answer.Place,
        answer.Position, answer.SeatsLeft, answer.OpensAt, (int)Math.Ceiling(answer.EstimatedWait.TotalSeconds), answer.AdmittedUntil,
        answer.InLottery, admission);

    public static string StateName(QueueState state) => state.ToString().ToLowerInvariant();
}

/// <summary>
/// What every waiter of a window sees live: <c>state</c> announced, open, soldout or closed; <c>admitted</c> places so
/// far (a waiter at place p is at position p − admitted); <c>inLine</c> waiting; <c>seatsLeft</c> on the window's trips.
/// </summary>
public sealed record QueueStatusDto(
    string WindowId, string State, long Admitted, long InLine, int? SeatsLeft, DateTimeOffset OpensAt, long Version, int AdmissionPerMinute)
{
    public static QueueStatusDto Of(QueueStatus status) => new(status.WindowId, status.Phase.ToString().ToLowerInvariant(), status.Admitted,
        status.InLine, status.SeatsLeft, status.OpensAt, status.Version, status.AdmissionPerMinute);
}

/// <summary>
/// Ops: a sale window to announce or change. <c>travelDates</c> are Dhaka service days (<c>yyyy-MM-dd</c>),
/// <c>opensAt</c> a time with its offset, <c>admissionValidity</c> a time span (<c>00:10:00</c>). <c>requestId</c> makes a
/// retried create answer the same window. <c>counterSeatsPerTrip</c> (optional) caps the seats counters may have sold on
/// each of the window's trips while it gates them; absent or null: no cap (a change without it removes the cap).
/// </summary>
public sealed record SaleWindowRequest(
    IReadOnlyList<string>? RouteIds, IReadOnlyList<DateOnly>? TravelDates, DateTimeOffset? OpensAt, int? AdmissionPerMinute,
    TimeSpan? AdmissionValidity, string? RequestId, int? CounterSeatsPerTrip = null);

/// <summary>Ops: why a window is closed early (optional, audited).</summary>
public sealed record CloseSaleWindowRequest(string? Reason);

/// <summary>A sale window with its queue's live status (null while its queue cannot be reached).</summary>
public sealed record SaleWindowDto(
    string Id, IReadOnlyList<string> RouteIds, IReadOnlyList<DateOnly> TravelDates, DateTimeOffset OpensAt, int AdmissionPerMinute,
    TimeSpan AdmissionValidity, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, QueueStatusDto? Queue,
    int? CounterSeatsPerTrip)
{
    public static SaleWindowDto Of(SaleWindow w, QueueStatus? queue = null) => new(w.Id, w.RouteIds, w.TravelDates, w.OpensAt,
        w.AdmissionPerMinute, w.AdmissionValidity, w.Status.ToString().ToLowerInvariant(), w.CreatedAt, w.ClosedAt,
        queue is null ? null : QueueStatusDto.Of(queue), w.CounterSeatsPerTrip);
}
