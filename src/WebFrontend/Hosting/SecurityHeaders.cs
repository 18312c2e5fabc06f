namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Browser hardening on every response: a content security policy (our own scripts plus Stripe's, no framing of
/// this site), no MIME sniffing, a strict referrer policy, no caching of private API answers, and HSTS outside Development.
/// </summary>
public static class SecurityHeaders
{
    // Stripe.js: its script and card frames from js.stripe.com, 3-D Secure frames from hooks.stripe.com, its API calls
    // to api.stripe.com. Inline styles stay allowed for the style attributes UI libraries set. The offline ticket's
    // service worker (/sw.js) and web app manifest come from this site only.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' https://js.stripe.com; " +
        "frame-src 'self' https://js.stripe.com https://hooks.stripe.com; connect-src 'self' https://api.stripe.com; " +
        "img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; " +
        "worker-src 'self'; manifest-src 'self'";

    // Answers carrying tokens or personal data (sign-in, bookings, holds, staff consoles) are never stored by a browser or
    // proxy (ASVS 8.2.1). Listings (/api/stops, /api/trips) stay cacheable.
    private static readonly PathString[] Private =
        ["/api/auth", "/api/bookings", "/api/holds", "/api/counter", "/api/admin", "/api/reports", "/api/tickets"];

    // The interactive API reference loads its own inline bootstrap script; it is a developer page, not a user page.
    private static readonly PathString ApiReference = "/api/reference";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Only sent over HTTPS (the middleware skips plain HTTP), so a LAN demo over http is unaffected.
            app.UseHsts();
        }
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            if (!http.Request.Path.StartsWithSegments(ApiReference))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }
            if (Private.Any(p => http.Request.Path.StartsWithSegments(p)))
            {
                headers.CacheControl = "no-store";
            }
            return next(http);
        });
        return app;
    }
}
