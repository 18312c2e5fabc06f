namespace DiuParibahan.Hosting.Analytics;

// The rows of each report. Amounts are whole taka; rates are fractions 0–1 rounded to four places. The CSV export
// writes the same properties, in this order, under their camelCase names.

/// <summary>
/// Sales of one route on one day (day of sale), both channels. <see cref="Bookings"/> are new bookings (a trip/date
/// change counts in <see cref="Changes"/> instead); <see cref="Gross"/> the fares taken; <see cref="Refunds"/> the refunds
/// cancellations decided that day; <see cref="ChangeDifference"/> what changes brought in (negative: gave back);
/// <see cref="Revenue"/> is net: gross + change difference − refunds. Money exact to the poisha.
/// </summary>
public sealed record SalesRow(DateOnly Day, string RouteId, string RouteCode, string RouteNameEn, string RouteNameBn,
    long Bookings, long Seats, decimal Revenue, long Cancellations, long Changes, decimal Gross, decimal Refunds, decimal ChangeDifference);

/// <summary>
/// Sales by channel (Online/Counter) over the range, counted as in <see cref="SalesRow"/>; <see cref="Revenue"/> is net
/// and <see cref="RevenueShare"/> its share of the range's net revenue.
/// </summary>
public sealed record ChannelRow(string Channel, long Bookings, long Seats, decimal Revenue, double RevenueShare, long Changes, decimal Gross,
    decimal Refunds, decimal ChangeDifference);

/// <summary>
/// Load of one trip (by departure day): <see cref="LoadFactor"/> = seats sold summed over its legs / (capacity ×
/// legs), i.e. the average occupancy along the route; <see cref="PeakLegLoad"/> = the fullest leg's occupancy.
/// </summary>
public sealed record TripLoadRow(string TripId, string RouteCode, DateTimeOffset Departure, int Capacity, int Legs,
    long SeatLegsSold, double LoadFactor, double PeakLegLoad);

/// <summary>Load of one leg of a route over all its trips in the range: seats sold / (trips × capacity).</summary>
public sealed record LegLoadRow(string RouteId, string RouteCode, int LegIndex, string FromStop, string ToStop, string FromNameBn,
    string ToNameBn, long Trips, long SeatsSold, long SeatCapacity, double LoadFactor);

/// <summary>Holds of one route: conversion = holds confirmed by payment / holds created; expiry = holds expired / created.</summary>
public sealed record ConversionRow(string RouteId, string RouteCode, long Created, long Confirmed, long Expired, long Released,
    long Rejected, double ConversionRate, double ExpiryRate);

/// <summary>Traffic in one hour of the day (Asia/Dhaka), summed over the range's days.</summary>
public sealed record HourRow(int Hour, long Searches, long Holds);

/// <summary>Bookings and seats sold boarding at one stop.</summary>
public sealed record BoardingRow(string StopId, string NameEn, string NameBn, long Bookings, long Seats);
