namespace IntakeBot.Workspace;

/// <summary>The tab's static page (wwwroot/workspace) and the headers it and the API go out with: a
/// Content-Security-Policy with no inline script and no other origin, framing only by Teams and
/// Microsoft 365 hosts; no caching of case data; no referrer.</summary>
public static class WorkspacePage
{
    public const string Path = "/workspace";

    /// <summary>The hosts that embed a personal tab: Teams (web, desktop and mobile) and the Microsoft 365 app and Outlook.</summary>
    public const string FrameAncestors = "https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://outlook.office.com https://outlook.office365.com https://*.microsoft365.com";

    public const string ContentSecurityPolicy = $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors {FrameAncestors}";

    public static void UseWorkspacePage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(Path) || path.StartsWithSegments(WorkspaceEndpoints.Prefix))
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = path.StartsWithSegments(WorkspaceEndpoints.Prefix) ? "no-store" : "no-cache";
            }

            await next(context).ConfigureAwait(false);
        });
        var files = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(System.IO.Path.Combine(app.Environment.WebRootPath ?? System.IO.Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "workspace"));
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = Path, FileProvider = files });
    }
}
