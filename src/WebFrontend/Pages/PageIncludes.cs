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
        var partials = Path.Combine(environment.ContentRootPath, PartialsFolder);
        if (!Directory.Exists(partials))
        {
            throw new InvalidOperationException($"The page partials folder {partials} is missing; pages with include markers cannot be served.");
        }
        environment.WebRootFileProvider = new IncludingFileProvider(environment.WebRootFileProvider, new PhysicalFileProvider(partials));
        return builder;
    }
}
