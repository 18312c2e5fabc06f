using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Hosting;
using DiuParibahan.WebFrontend.Limits;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Accounts, JWT bearer authentication with strict validation, and the role policies.</summary>
public static class AuthExtensions
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var embedded = builder.Configuration.IsEmbedded();
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection("Auth"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new AuthOptionsValidator(embedded));
        var dataPath = embedded ? builder.EmbeddedDataPath() : null;
        services.AddSingleton(_ => SigningKeys.Resolve(builder.Configuration["Auth:SigningKey"], Path.GetDirectoryName(dataPath)));
        services.AddSingleton(_ => embedded
            ? AppDatabase.ForSqliteFile(dataPath!)
            : AppDatabase.ForPostgres(builder.Configuration.GetConnectionString("Orleans")
                ?? throw new InvalidOperationException("Cluster mode needs ConnectionStrings:Orleans (PostgreSQL).")));
        services.AddSingleton<UserStore>();
        services.AddSingleton<RefreshTokenStore>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountThrottle>();
        services.AddSingleton<StaffAccessGuard>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.AddOtp(embedded);
        if (embedded && builder.Configuration.GetValue("Auth:DemoAccounts", true))
        {
            services.AddHostedService<DemoAccounts>();
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys, IOptions<AuthOptions>>((jwt, keys, auth) => Configure(jwt, keys, auth.Value));
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Ops, p => p.RequireRole(Roles.Ops))
            .AddPolicy(AuthPolicies.Clerk, p => p.RequireRole(Roles.Clerk, Roles.Supervisor).RequireClaim(AuthClaims.Counter))
            .AddPolicy(AuthPolicies.Staff, p => p.RequireRole(Roles.Clerk, Roles.Supervisor, Roles.Ops))
            .AddPolicy(AuthPolicies.Boarding, p => p.RequireRole(Roles.Clerk, Roles.Supervisor, Roles.Ops));
        return builder;
    }

    /// <summary>
    /// Sign-in by SMS code: <see cref="OtpOptions"/> (section <c>Auth:Otp</c>), the code store and the SMS gateway of
    /// the notifications (<c>Notifications:Sms</c>, the same client and contract the outbox dispatcher uses).
    /// </summary>
    private static void AddOtp(this WebApplicationBuilder builder, bool embedded)
    {
        var services = builder.Services;
        services.AddOptions<OtpOptions>().Bind(builder.Configuration.GetSection("Auth:Otp")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OtpOptions>, OtpOptionsValidator>();
        services.AddOptions<NotificationOptions>().Bind(builder.Configuration.GetSection("Notifications"));
        services.AddHttpClient(HttpSmsGateway.ClientName);
        services.TryAddSingleton<ISmsGateway, HttpSmsGateway>();
        var gateway = builder.Configuration.GetSection("Notifications:Sms").Get<SmsGatewayOptions>()?.Configured == true;
        services.AddSingleton(OtpDelivery.Decide(gateway, embedded, builder.Environment.IsProduction()));
        services.AddSingleton<OtpCodeStore>();
        services.AddSharedCounts(builder.Configuration);
        services.AddSingleton<OtpService>();
        services.AddHealthChecks().AddCheck<SmsCeilingHealthCheck>("sms-ceiling", tags: ["ready"]);
    }

    /// <summary>
    /// Authentication and authorization, plus one rule: a request that presents a token which fails validation is
    /// answered 401 even where anonymous callers are welcome. Otherwise an expired token would silently turn a
    /// signed-in user into an anonymous owner, and their next hold would belong to someone else.
    /// </summary>
    public static WebApplication UseAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated != true && PresentsToken(http.Request))
            {
                await http.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
                return;
            }
            await next(http);
        });
        app.UseAuthorization();
        return app;
    }

    private static bool PresentsToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments(TripsHub.Path) && request.Query.ContainsKey("access_token"));

    private static void Configure(JwtBearerOptions jwt, SigningKeys keys, AuthOptions auth)
    {
        // Keep JWT claim names ("sub", "role") as issued instead of mapping them to long URI claim types.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SigningKeys.Algorithm],
            IssuerSigningKey = keys.Key,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidIssuer = auth.Issuer,
            ValidateIssuer = true,
            ValidAudience = auth.Audience,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = AuthClaims.Name,
            RoleClaimType = AuthClaims.Role,
        };
        jwt.Events = new JwtBearerEvents
        {
            // Browsers cannot put headers on a WebSocket, so the hub (and only the hub) takes the token from the query.
            OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments(TripsHub.Path) && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }
                return Task.CompletedTask;
            },
            // A staff account ops disabled stops working now, not when its access token expires.
            OnTokenValidated = async context =>
            {
                if (context.Principal is { } user && (Roles.IsStaff(user) || user.IsInRole(Roles.PasswordChange))
                    && user.FindFirst(AuthClaims.Subject)?.Value is { } subject
                    && await context.HttpContext.RequestServices.GetRequiredService<StaffAccessGuard>()
                        .IsDisabledAsync(subject, context.HttpContext.RequestAborted))
                {
                    context.Fail("The account is disabled.");
                }
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
                await ApiProblems.WriteAsync(context.HttpContext, "unauthenticated", "A valid access token is required (Authorization: Bearer).");
            },
            OnForbidden = context => ApiProblems.WriteAsync(context.HttpContext, "forbidden", "Your account does not have the role this needs."),
        };
    }
}
