using DiuParibahan.WebFrontend.Pages;
using DiuParibahan.WebFrontend.Tests.Architecture;
using Microsoft.Extensions.FileProviders;

namespace DiuParibahan.WebFrontend.Tests.Pages;

/// <summary>The site's own pages put together from the repository's partials, as the server does on first request.</summary>
public sealed class SitePagesTests
{
    private static readonly string WebRoot = Path.Combine(SourceTree.Root, "src/WebFrontend/wwwroot");
    private static readonly string Partials = Path.Combine(SourceTree.Root, "src/WebFrontend", PageIncludes.PartialsFolder);

    public static TheoryData<string> Pages() =>
        new(Directory.EnumerateFiles(WebRoot, "*.html", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(WebRoot, file).Replace('\\', '/'))
            .Where(path => !path.StartsWith("dist/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryPage_ComposesIntoOneWholeDocument(string path)
    {
        using var webRoot = new PhysicalFileProvider(WebRoot);
        using var partials = new PhysicalFileProvider(Partials);
        var provider = new IncludingFileProvider(webRoot, partials);

        using var reader = new StreamReader(provider.GetFileInfo(path).CreateReadStream());
        var html = reader.ReadToEnd();

        Assert.StartsWith("<!doctype html>\n<html lang=\"en\">\n  <head>\n", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.DoesNotContain(PageComposer.Marker, html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<title "));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<body "));
    }

    [Fact]
    public void Partials_AreOutsideTheWebRoot_SoTheyAreNeitherServedNorSweptAsPages()
    {
        Assert.NotEmpty(Directory.EnumerateFiles(Partials, "*.html"));
        Assert.False(Path.GetFullPath(Partials).StartsWith(Path.GetFullPath(WebRoot), StringComparison.Ordinal));
    }

    [Fact]
    public void ComposedPage_IsAsNewAsItsNewestPart_SoAChangedPartialChangesItsETag()
    {
        var folder = Directory.CreateTempSubdirectory("dp-pages-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "root"));
            Directory.CreateDirectory(Path.Combine(folder, "parts"));
            var page = Path.Combine(folder, "root", "page.html");
            var part = Path.Combine(folder, "parts", "part.html");
            var plain = Path.Combine(folder, "root", "plain.html");
            File.WriteAllText(page, "<!-- include: part -->\n<p>page</p>\n");
            File.WriteAllText(part, "<p>part</p>\n");
            File.WriteAllText(plain, "<p>plain</p>\n");
            var pageTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var partTime = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(page, pageTime);
            File.SetLastWriteTimeUtc(part, partTime);
            using var root = new PhysicalFileProvider(Path.Combine(folder, "root"));
            using var parts = new PhysicalFileProvider(Path.Combine(folder, "parts"));
            var provider = new IncludingFileProvider(root, parts);

            var composed = provider.GetFileInfo("/page.html");
            var listed = provider.GetDirectoryContents("").Single(f => f.Name == "page.html");

            Assert.Equal(partTime, composed.LastModified.UtcDateTime);
            Assert.Equal("<p>part</p>\n<p>page</p>\n".Length, composed.Length);
            Assert.Equal(composed.Length, listed.Length);
            Assert.NotNull(provider.GetFileInfo("/plain.html").PhysicalPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
