using DiuParibahan.Grains.Bookings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiuParibahan.Hosting.Notifications;

public static class NotificationServicesExtensions
{
    /// <summary>
    /// What the booking grains need to notify: the <see cref="INotificationOutbox"/> on the <see cref="OutboxStore"/>
    /// the persistence registered, and the templates. A test that registers its own outbox first keeps it.
    /// </summary>
    public static IServiceCollection AddNotificationOutbox(this IServiceCollection services)
    {
        services.AddLocalization();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NotificationTemplates>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<INotificationOutbox, NotificationOutbox>();
        return services;
    }

    /// <summary>
    /// Sending (where the grains run: the silo, or the co-hosted silo in embedded mode): <see cref="NotificationOptions"/>
    /// from section <c>Notifications</c> (validated on start), the SMTP and SMS channels and the
    /// <see cref="OutboxDispatcher"/>.
    /// </summary>
    public static ISiloBuilder AddNotificationDispatch(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddNotificationOutbox();
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection("Notifications"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddHttpClient(HttpSmsGateway.ClientName);
        services.TryAddSingleton<ISmsGateway, HttpSmsGateway>();
        services.AddSingleton<OutboxMetrics>();
        services.AddHostedService<OutboxDispatcher>();
        return silo;
    }

    private sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
    {
        public ValidateOptionsResult Validate(string? name, NotificationOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
