using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace IntakeBot.Telemetry;

/// <summary>A span and a measurement for every blob storage call, placed per call so that the SDK's
/// retries count as one call and a failure is one the SDK gave up on. Conflicts (409/412) are counted
/// apart from failures: they are how ETag guards work. Evidence uploads add their bytes. A path
/// segment that <paramref name="isCaseReference"/> accepts is tagged, so one case's calls can be followed.</summary>
public sealed class StorageTelemetryPolicy(string casesContainer, string stateContainer, Func<string, bool> isCaseReference) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        => ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        => ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var uri = message.Request.Uri.ToUri();
        var (container, kind) = TelemetryUrls.StorageShape(uri, casesContainer, stateContainer) ?? ("other", "other");
        var method = message.Request.Method.Method;
        using var activity = IntakeActivities.Source.StartActivity($"storage {method} {kind}", ActivityKind.Client);
        activity?.SetTag("intake.storage.container", container);
        activity?.SetTag("intake.storage.kind", kind);
        if (activity is not null && uri.Segments.Select(s => s.TrimEnd('/')).FirstOrDefault(isCaseReference) is { } reference)
        {
            // A case reference is no content, and it lets an operator follow one case's calls.
            activity.SetTag("intake.case.reference", reference);
        }

        activity?.SetTag("http.request.method", method);
        var started = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            if (async)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            else
            {
                ProcessNext(message, pipeline);
            }

            outcome = Outcomes.Of(message.Response.Status);
            activity?.SetTag("http.response.status_code", message.Response.Status);
        }
        catch (Exception exception)
        {
            outcome = Outcomes.Of(exception);
            activity?.SetTag("error.type", exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error);
            IntakeMetrics.StorageCallCompleted(container, kind, method, outcome, Stopwatch.GetElapsedTime(started));
            throw;
        }

        if (Outcomes.IsFailure(outcome))
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }
        else if (outcome == Outcomes.Conflict)
        {
            IntakeMetrics.Conflict("storage");
        }
        else if (outcome == Outcomes.Ok && kind == "evidence" && CarriesContent(message.Request) && message.Request.Content?.TryComputeLength(out var bytes) == true)
        {
            IntakeMetrics.EvidenceStored(bytes);
        }

        IntakeMetrics.StorageCallCompleted(container, kind, method, outcome, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A whole-blob upload or one block of it; not a block list, metadata or tags.</summary>
    private static bool CarriesContent(Request request)
    {
        if (request.Method != RequestMethod.Put)
        {
            return false;
        }

        var query = request.Uri.Query;
        return !query.Contains("comp=", StringComparison.Ordinal) || query.Contains("comp=block&", StringComparison.Ordinal) || query.EndsWith("comp=block", StringComparison.Ordinal);
    }
}
