using System.Security.Claims;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Extensions;
using DiuParibahan.WebFrontend.Hubs;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
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
            .Validate(o => o.IsValid(out _), "Auth: invalid settings (lifetimes positive, ClockSkew 0-30 s, issuer and audience set).")
            .ValidateOnStart();
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
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        if (embedded && builder.Configuration.GetValue("Auth:DemoAccounts", true))
        {
            services.AddHostedService<DemoAccounts>();
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeys, IOptions<AuthOptions>>((jwt, keys, auth) => Configure(jwt, keys, auth.Value));
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Ops, p => p.RequireRole(Roles.Ops))
            .AddPolicy(AuthPolicies.Clerk, p => p.RequireRole(Roles.Clerk).RequireClaim(AuthClaims.Counter))
            .AddPolicy(AuthPolicies.Staff, p => p.RequireRole(Roles.Clerk, Roles.Ops));
        return builder;
    }

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
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = JwtBearerDefaults.AuthenticationScheme;
                await Problem(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign-in required",
                    "A valid access token is required (Authorization: Bearer).", "unauthenticated");
            },
            OnForbidden = context => Problem(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed",
                "Your account does not have the role this needs.", "forbidden"),
        };
    }

    private static Task Problem(HttpContext http, int status, string title, string detail, string code) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status, type: $"https://diuparibahan.example/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code }).ExecuteAsync(http);

    /// <summary>The subject of a principal authenticated by one of our tokens.</summary>
    public static string? Subject(this ClaimsPrincipal principal) => principal.FindFirst(AuthClaims.Subject)?.Value;
}
