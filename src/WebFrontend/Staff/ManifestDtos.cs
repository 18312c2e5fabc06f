namespace DiuParibahan.WebFrontend.Staff;

/// <summary>
/// One passenger on a trip's manifest: seat, who, where they get on and off (stop ids and English/Bangla names),
/// whether the booking is paid and whether they have boarded (when and checked by whom); the boarding point with its
/// reporting time and the dropping point; on cross-border routes the passport (number, ISO alpha-3 nationality, expiry).
/// </summary>
public sealed record ManifestPassengerDto(
    string Seat,
    string Name,
    string Phone,
    string Gender,
    string Pnr,
    string From,
    string FromNameEn,
    string FromNameBn,
    string To,
    string ToNameEn,
    string ToNameBn,
    string Channel,
    bool Paid,
    bool Boarded,
    DateTimeOffset? BoardedAt,
    string? BoardedBy,
    string? BoardingPointEn = null,
    string? BoardingPointBn = null,
    DateTimeOffset? ReportAt = null,
    string? DroppingPointEn = null,
    string? DroppingPointBn = null,
    string? PassportNumber = null,
    string? PassportNationality = null,
    DateOnly? PassportExpiry = null);

/// <summary>A trip's passenger manifest for the supervisor: ordered by boarding stop, then seat.</summary>
public sealed record ManifestDto(
    string TripId,
    string RouteCode,
    string RouteNameEn,
    string RouteNameBn,
    DateTimeOffset Departure,
    string CoachRegistration,
    bool Cancelled,
    int Seats,
    int Boarded,
    IReadOnlyList<ManifestPassengerDto> Passengers);

/// <summary>Board by the scanned QR payload, or by a typed PNR when the camera cannot be used.</summary>
public sealed record BoardRequest(string? Qr, string? Pnr);

/// <summary>
/// The boarding check: <paramref name="AlreadyBoarded"/> on a second scan (with the first time in
/// <paramref name="BoardedAt"/>).
/// </summary>
public sealed record BoardingDto(string Pnr, string TripId, IReadOnlyList<string> Seats, IReadOnlyList<BoardedPassengerDto> Passengers,
    string From, string To, bool AlreadyBoarded, DateTimeOffset BoardedAt, string BoardedBy);

public sealed record BoardedPassengerDto(string Name, string Seat);
