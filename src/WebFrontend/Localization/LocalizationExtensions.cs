using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace DiuParibahan.WebFrontend.Localization;

/// <summary>
/// Server-side strings that reach passengers (the printable e-ticket, ticket checks) in English or Bangla: .resx files
/// under <c>Resources/</c> read through <c>IStringLocalizer</c>. The language comes from <c>?lang=en|bn</c> (the
/// browser pages pass the language they show), else from Accept-Language; English otherwise.
/// </summary>
public static class LocalizationExtensions
{
    public const string Bangla = "bn-BD";

    private static readonly CultureInfo[] Supported = [new("en"), new(Bangla), new("bn")];

    public static WebApplicationBuilder AddUserLocalization(this WebApplicationBuilder builder)
    {
        // No ResourcesPath: it is one setting for every assembly, and the notification templates in Hosting sit beside
        // their marker class just as these strings do (Localization/TicketStrings*.resx).
        builder.Services.AddLocalization();
        return builder;
    }

    public static WebApplication UseUserLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = Supported,
            SupportedUICultures = Supported,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        app.UseRequestLocalization(options);
        return app;
    }

    /// <summary>Whether strings are being rendered in Bangla.</summary>
    public static bool IsBangla(this CultureInfo culture) => culture.TwoLetterISOLanguageName == "bn";

    /// <summary>ASCII digits as Bangla digits when <paramref name="culture"/> is Bangla (.NET formats with ASCII digits).</summary>
    public static string LocalDigits(this CultureInfo culture, string text) =>
        culture.IsBangla() ? string.Concat(text.Select(c => c is >= '0' and <= '9' ? "০১২৩৪৫৬৭৮৯"[c - '0'] : c)) : text;
}
