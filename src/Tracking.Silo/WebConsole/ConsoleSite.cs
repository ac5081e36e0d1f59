using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Tracking.Silo.WebConsole;

/// <summary>
/// The web console: static pages beside the program (<c>console/</c>, copied by the build with
/// Chart.js from npm) that call the case API from the browser; served at the site's root.
/// </summary>
internal static class ConsoleSite
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "console");

    // The pages load only their own scripts and styles: nothing an upload or an exchange sends can run.
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

    public static void UseConsoleSite(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider { Mappings = { [".md"] = "text/markdown; charset=utf-8" } },
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";

                // A new build's pages are picked up at once: the browser asks again, answered 304 when unchanged.
                headers.CacheControl = "no-cache";
            },
        });
    }
}
