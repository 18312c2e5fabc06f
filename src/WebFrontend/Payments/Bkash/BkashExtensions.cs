using DiuParibahan.WebFrontend.Hosting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

public static class BkashExtensions
{
    /// <summary>
    /// bKash beside the card provider when <c>Bkash:AppKey</c> is configured (every other required setting checked at
    /// start, one line naming what is missing); without it, in embedded mode or Development, the simulated bKash and
    /// its wallet page; otherwise no bKash at all.
    /// </summary>
    public static WebApplicationBuilder AddBkash(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<BkashOptions>, BkashOptionsValidator>();
        builder.Services.AddOptions<BkashOptions>().Bind(builder.Configuration.GetSection("Bkash")).ValidateOnStart();
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration["Bkash:AppKey"]);
        var simulated = !configured && (builder.Configuration.IsEmbedded() || builder.Environment.IsDevelopment());
        if (!configured && !simulated)
        {
            return builder;
        }
        var client = builder.Services.AddHttpClient(BkashClient.HttpClientName);
        if (simulated)
        {
            builder.Services.AddSingleton<SimulatedBkash>();
            builder.Services.PostConfigure<BkashOptions>(o =>
            {
                o.Simulated = true;
                o.AppKey = "simulated";
                o.BaseUrl = "http://bkash.simulated/v1.2.0-beta";
                o.CallbackUrl = BkashEndpoints.CallbackPath;
            });
            client.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SimulatedBkash>().CreateHandler());
        }
        builder.Services.AddSingleton<BkashClient>();
        builder.Services.AddSingleton<PayerReference>();
        builder.Services.AddSingleton<BkashPaymentProvider>();
        builder.Services.AddSingleton<IWalletPaymentProvider>(sp => sp.GetRequiredService<BkashPaymentProvider>());
        builder.Services.AddSingleton<BkashSettlement>();
        builder.Services.AddSingleton<BkashReconciler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BkashReconciler>());
        return builder;
    }

    /// <summary>
    /// The simulated wallet page and script exist only while the simulated bKash is on: with real credentials (or
    /// none, outside embedded mode and Development) they answer 404 like any missing file.
    /// </summary>
    public static IApplicationBuilder UseSimulatedWalletGate(this IApplicationBuilder app)
    {
        var simulated = app.ApplicationServices.GetService<SimulatedBkash>() is not null;
        return app.Use((context, next) =>
        {
            if (!simulated && (context.Request.Path.StartsWithSegments(SimulatedBkash.WalletPage)
                               || context.Request.Path.StartsWithSegments("/js/bkash-wallet.js")))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
    }
}

/// <summary>Puts <see cref="BkashExtensions.UseSimulatedWalletGate"/> in front of the static files without touching the pipeline's order.</summary>
internal sealed class SimulatedWalletGateFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseSimulatedWalletGate();
        next(app);
    };
}
