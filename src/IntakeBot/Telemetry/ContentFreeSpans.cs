using System.Diagnostics;
using OpenTelemetry;

namespace IntakeBot.Telemetry;

/// <summary>Runs before any exporter on every finished span: URLs are reduced to container and kind (or
/// host), status descriptions (which can quote an exception message) are dropped, and the Azure SDK's
/// own spans, which carry full blob URLs and exception details, are not exported: the bot's storage
/// spans stand in for them.</summary>
public sealed class ContentFreeSpans(TelemetryUrls urls) : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "http.url", "url.original", "http.target", "db.statement"];

    public override void OnEnd(Activity data)
    {
        if (data.Source.Name.StartsWith("Azure.", StringComparison.Ordinal))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return;
        }

        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, urls.Reduce(url));
            }
        }

        // A server path is whatever a client sent: the route's template stands in for it (the workspace
        // tab's paths name the case a person looked at), "(no route)" when the app has none for it. A
        // client call's query may carry names.
        if (data.Kind == ActivityKind.Server && data.GetTagItem("url.path") is not null)
        {
            data.SetTag("url.path", data.GetTagItem("http.route") as string ?? "(no route)");
        }

        data.SetTag("url.query", null);
        if (data.Status == ActivityStatusCode.Error && data.StatusDescription is not null)
        {
            data.SetStatus(ActivityStatusCode.Error);
        }
    }
}
