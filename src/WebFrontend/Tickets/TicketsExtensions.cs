using System.Security.Cryptography;
using System.Text;
using DiuParibahan.WebFrontend.Hosting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Tickets;

public static class TicketsExtensions
{
    public const string KeyFileName = "ticket-signing.key";

    /// <summary>
    /// The ticket signer. Cluster mode requires <c>Tickets:SigningKey</c> (checked at start); embedded mode generates
    /// one into the data folder on first start and reuses it after.
    /// </summary>
    public static WebApplicationBuilder AddTickets(this WebApplicationBuilder builder)
    {
        var embedded = builder.Configuration.IsEmbedded();
        builder.Services.AddOptions<TicketOptions>()
            .Bind(builder.Configuration.GetSection("Tickets"))
            .Validate(o => o.SigningKey is { Length: >= 32 } || (embedded && string.IsNullOrEmpty(o.SigningKey)),
                "Tickets:SigningKey must be at least 32 characters (required in cluster mode).")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<TicketOptions>>().Value.SigningKey;
            if (!string.IsNullOrEmpty(configured))
            {
                return new TicketSigner(Encoding.UTF8.GetBytes(configured));
            }
            var dataPath = sp.GetRequiredService<IConfiguration>()["Orleans:DataPath"] ?? new OrleansModeOptions().DataPath;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath))!;
            return new TicketSigner(LoadOrCreateKey(Path.Combine(folder, KeyFileName)));
        });
        return builder;
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        // Two starts racing: the first key written wins and both use it.
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temp);
        }
        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
