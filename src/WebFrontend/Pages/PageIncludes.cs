using Microsoft.Extensions.FileProviders;

namespace DiuParibahan.WebFrontend.Pages;

/// <summary>
/// Shared page parts (head, header, footer, dialogs) live once in <c>Pages/Partials</c>, outside the web root so they
/// are never served or swept as pages of their own, and pages pull them in with
/// <c>&lt;!-- include: name key="value" --&gt;</c> lines. Why server-side and at this layer: docs/architecture.md
/// ("Shared page parts").
/// </summary>
public static class PageIncludes
{
    public const string PartialsFolder = "Pages/Partials";

    /// <summary>Serves the web root through <see cref="IncludingFileProvider"/>. Call before the app is built.</summary>
    public static WebApplicationBuilder AddPageIncludes(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        environment.WebRootFileProvider = new IncludingFileProvider(environment.WebRootFileProvider, Partials(environment.ContentRootPath));
        return builder;
    }

    // The content root holds them when run from the project or a publish folder; the build output holds a copy for a
    // host started from bin/ with another working directory (the benchmarks). A host without either still serves the
    // API and every page without includes; a page with includes then fails loudly, naming the missing partial.
    private static IFileProvider Partials(string contentRoot)
    {
        foreach (var root in new[] { contentRoot, AppContext.BaseDirectory })
        {
            var folder = Path.Combine(root, PartialsFolder);
            if (Directory.Exists(folder))
            {
                return new PhysicalFileProvider(folder);
            }
        }
        return new NullFileProvider();
    }
}
