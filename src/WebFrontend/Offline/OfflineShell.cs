using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;

namespace DiuParibahan.WebFrontend.Offline;

/// <summary>
/// The service worker script as served at <c>/sw.js</c>: <c>wwwroot/js/service-worker.js</c> behind a
/// <c>BUILD_VERSION</c> constant that is a hash of every static file. Any change to a page, script, style, font or
/// string gives a new worker (browsers compare the script byte for byte), whose activation deletes the previous
/// build's shell cache. Computed once per process: the static files of a running build do not change.
/// </summary>
public sealed class OfflineShell(IWebHostEnvironment environment)
{
    public const string WorkerSource = "js/service-worker.js";

    private readonly Lazy<(string Version, string Script)> _worker = new(() => Build(environment.WebRootFileProvider));

    /// <summary>The build's version: the first 16 hex digits of the SHA-256 over the static files' paths and contents.</summary>
    public string Version => _worker.Value.Version;

    /// <summary>The worker script with its version in front.</summary>
    public string Script => _worker.Value.Script;

    private static (string, string) Build(IFileProvider files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, file) in Files(files, "").OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
            using var stream = file.CreateReadStream();
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }
        var version = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        var source = files.GetFileInfo(WorkerSource);
        if (!source.Exists)
        {
            throw new InvalidOperationException($"The service worker source wwwroot/{WorkerSource} is missing from the static files.");
        }
        using var reader = new StreamReader(source.CreateReadStream(), Encoding.UTF8);
        return (version, $"const BUILD_VERSION = \"{version}\";\n{reader.ReadToEnd()}");
    }

    private static IEnumerable<(string Path, IFileInfo File)> Files(IFileProvider files, string folder)
    {
        foreach (var entry in files.GetDirectoryContents(folder))
        {
            var path = folder.Length == 0 ? entry.Name : $"{folder}/{entry.Name}";
            if (entry.IsDirectory)
            {
                foreach (var nested in Files(files, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return (path, entry);
            }
        }
    }
}
