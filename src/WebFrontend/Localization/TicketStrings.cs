namespace DiuParibahan.WebFrontend.Localization;

/// <summary>Names the resource file of passenger-facing ticket strings (<c>Localization/TicketStrings*.resx</c>).</summary>
public sealed class TicketStrings;
