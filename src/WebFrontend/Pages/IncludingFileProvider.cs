using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace DiuParibahan.WebFrontend.Pages;

/// <summary>
/// The web root as the browser sees it: every <c>*.html</c> page with include markers comes out composed from its
/// partials (<see cref="PageComposer"/>); every other file, and every page without markers, is the file itself.
/// Because it stands in for the web root file provider, everything that serves or reads static files (static files
/// with their ETag and Last-Modified, default documents, the 404 page, the offline worker's build hash) sees the
/// composed pages without knowing about includes. Pages are composed once per process, on first use: the static
/// files of a running build do not change (the same assumption as <c>OfflineShell</c>).
/// </summary>
public sealed class IncludingFileProvider(IFileProvider webRoot, IFileProvider partials) : IFileProvider
{
    private readonly ConcurrentDictionary<string, Lazy<IFileInfo>> _pages = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath)
    {
        if (!subpath.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            return webRoot.GetFileInfo(subpath);
        }
        return _pages.GetOrAdd(subpath, path => new Lazy<IFileInfo>(() => Page(path))).Value;
    }

    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        var contents = webRoot.GetDirectoryContents(subpath);
        return contents.Exists ? new Listing(contents, subpath, this) : contents;
    }

    public IChangeToken Watch(string filter) => webRoot.Watch(filter);

    private IFileInfo Page(string subpath)
    {
        var file = webRoot.GetFileInfo(subpath);
        if (!file.Exists || file.IsDirectory)
        {
            return file;
        }
        var html = Read(file);
        if (!PageComposer.HasIncludes(html))
        {
            return file;
        }
        var lastModified = file.LastModified;
        var composed = PageComposer.Compose(subpath, html, name =>
        {
            var part = partials.GetFileInfo(name + ".html");
            if (!part.Exists)
            {
                return null;
            }
            // The page is as new as its newest part, so a changed partial gives the page a new ETag.
            lastModified = part.LastModified > lastModified ? part.LastModified : lastModified;
            return Read(part);
        });
        return new ComposedPage(file.Name, Encoding.UTF8.GetBytes(composed), lastModified);
    }

    private static string Read(IFileInfo file)
    {
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>A page put together in memory.</summary>
    private sealed class ComposedPage(string name, byte[] content, DateTimeOffset lastModified) : IFileInfo
    {
        public bool Exists => true;
        public bool IsDirectory => false;
        public long Length => content.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => lastModified;
        public Stream CreateReadStream() => new MemoryStream(content, writable: false);
    }

    /// <summary>A folder listing whose pages are the composed ones.</summary>
    private sealed class Listing(IDirectoryContents contents, string folder, IncludingFileProvider provider) : IDirectoryContents
    {
        public bool Exists => true;

        public IEnumerator<IFileInfo> GetEnumerator() =>
            contents.Select(entry => entry.IsDirectory || !entry.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
                ? entry
                : provider.GetFileInfo($"{folder.TrimEnd('/')}/{entry.Name}")).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
