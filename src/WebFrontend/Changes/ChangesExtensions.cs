namespace DiuParibahan.WebFrontend.Changes;

public static class ChangesExtensions
{
    /// <summary>The money side of ticket changes (the rules and fees live with the grains, section <c>Bookings:Changes</c>).</summary>
    public static WebApplicationBuilder AddTicketChanges(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChangePayments>();
        return builder;
    }
}
