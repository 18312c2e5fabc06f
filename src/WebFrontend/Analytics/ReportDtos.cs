namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>A report: the inclusive day range it covers (Asia/Dhaka) and its rows.</summary>
public sealed record ReportDto<T>(DateOnly From, DateOnly To, IReadOnlyList<T> Rows);

/// <summary>A booking found by the ops search.</summary>
public sealed record BookingHitDto(string Pnr, string TripId, string RouteCode, string From, string To, DateTimeOffset Departure,
    string Status, string Channel, int Seats, int Total, string? PhoneMasked);

/// <summary>What the ops dashboard shows about the deployment: the mode and, in a cluster, where the Orleans Dashboard is.</summary>
public sealed record DashboardInfoDto(string Mode, string? OrleansDashboardUrl, DateOnly Today);

/// <summary>A departure of today for the live occupancy board: watch it over the hub from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record TodayTripDto(string TripId, string RouteCode, string RouteNameEn, string RouteNameBn, DateTimeOffset Departure,
    string From, string To, IReadOnlyList<string> StopIds, int TotalSeats);
