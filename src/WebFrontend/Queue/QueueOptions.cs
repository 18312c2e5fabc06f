namespace DiuParibahan.WebFrontend.Queue;

/// <summary>The waiting room's frontend settings (section <c>Queue</c>, validated on start).</summary>
public sealed class QueueOptions
{
    /// <summary>
    /// Key that signs admissions (at least 32 characters; the same on every frontend). Optional: without it the key is
    /// derived (HKDF) from <c>Auth:SigningKey</c>, which every frontend already shares.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How often each frontend counts seats left from the departure boards and pushes queue changes (1–10 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a frontend trusts its copy of the sale-window list (0.5–30 s).</summary>
    public TimeSpan WindowCacheAge { get; set; } = TimeSpan.FromSeconds(2);

    public bool IsValid() =>
        (string.IsNullOrEmpty(SigningKey) || SigningKey.Length >= 32)
        && PollInterval >= TimeSpan.FromSeconds(0.1) && PollInterval <= TimeSpan.FromSeconds(10)
        && WindowCacheAge >= TimeSpan.FromSeconds(0.1) && WindowCacheAge <= TimeSpan.FromSeconds(30);
}
