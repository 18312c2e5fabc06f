using DiuParibahan.WebFrontend.Hosting;
namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// Output cache for listings (stops, trip search): shared across frontends in Redis when <c>ConnectionStrings:Redis</c>
/// is set in cluster mode, in this process's memory otherwise. Entries live 5 s and are made from board reads at most
/// <see cref="BoardCache.MaxAge"/> old, so free-seat counts in a listing lag the grains by at most 6 s; seat maps are never cached (they come from the trip grain on every request). Entries carry
/// the <see cref="Tag"/>, so a schedule change can evict them all at once.
/// </summary>
public static class ListingCache
{
    public const string Policy = "listings";
    public const string Tag = "listings";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddListingCache(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!builder.Configuration.IsEmbedded() && !string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddStackExchangeRedisOutputCache(o =>
            {
                // Frontends start (and keep serving uncached) while Redis is down, instead of failing start-up.
                o.Configuration = redis + ",abortConnect=false";
                o.InstanceName = "diuparibahan:";
            });
        }
        builder.Services.AddOutputCache(o => o.AddPolicy(Policy, p => p
            .Expire(Expiry)
            .SetVaryByQuery("from", "to", "date", "q")
            .Tag(Tag)));
        builder.Services.AddSingleton<BoardCache>();
        ListingEvictions.Decorate(builder.Services);
        return builder;
    }
}
