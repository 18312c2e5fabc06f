using DiuParibahan.WebFrontend.Payments.Bkash;
using Microsoft.Extensions.Options;
using Stripe;

namespace DiuParibahan.WebFrontend.Payments;

public static class PaymentsExtensions
{
    /// <summary>
    /// Stripe when <c>Stripe:SecretKey</c> is configured (then the publishable key and webhook secret are required,
    /// checked at start), otherwise the simulated provider; bKash beside it (<see cref="BkashExtensions.AddBkash"/>).
    /// </summary>
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PaymentOptions>()
            .Bind(builder.Configuration.GetSection("Payments"))
            .Validate(o => o.PaymentWindow > TimeSpan.Zero, "Payments:PaymentWindow must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<StripeOptions>()
            .Bind(builder.Configuration.GetSection("Stripe"))
            .Validate(o => o.IsValid(), "Stripe: with a SecretKey, PublishableKey and WebhookSecret are required and ApiBase must be an http(s) URL.")
            .ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Stripe:SecretKey"]))
        {
            builder.Services.AddSingleton<IStripeClient>(sp =>
            {
                var stripe = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
                var clientOptions = new StripeClientOptions { ApiKey = stripe.SecretKey };
                if (stripe.ApiBase is { } apiBase)
                {
                    clientOptions.ApiBase = apiBase.TrimEnd('/');
                }
                return new StripeClient(clientOptions);
            });
            builder.Services.AddSingleton<StripePaymentProvider>();
            builder.Services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<StripePaymentProvider>());
            builder.Services.AddSingleton<StripeWebhookEvents>();
        }
        else
        {
            builder.Services.AddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        }
        builder.AddBkash();
        builder.Services.AddSingleton<IStartupFilter, SimulatedWalletGateFilter>();
        builder.Services.AddSingleton(sp => new PaymentProviderSet(
            sp.GetServices<IWalletPaymentProvider>(), sp.GetRequiredService<IPaymentProvider>()));
        builder.Services.AddSingleton<BookingPayments>();
        return builder;
    }
}
