namespace DiuParibahan.Hosting.Events;

/// <summary>The JSON payload of a <c>search.trips</c> event: the leg and day searched.</summary>
public sealed record SearchEventPayload(string From, string To, DateOnly Day);
