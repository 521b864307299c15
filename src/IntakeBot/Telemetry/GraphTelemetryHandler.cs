using System.Diagnostics;

namespace IntakeBot.Telemetry;

/// <summary>A span and a measurement for every Microsoft Graph call, outermost in the Graph client's
/// handlers so that its retries count as one call. Named by the kind of resource only: Graph paths hold
/// UPNs and case folder paths with file names.</summary>
public sealed class GraphTelemetryHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var resource = request.RequestUri is { IsAbsoluteUri: true } uri ? TelemetryUrls.Graph(uri) : "other";
        var method = request.Method.Method;
        using var activity = IntakeActivities.Source.StartActivity($"graph {method} {resource}", ActivityKind.Client);
        activity?.SetTag("intake.graph.resource", resource);
        activity?.SetTag("http.request.method", method);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = Outcomes.Of((int)response.StatusCode);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (Outcomes.IsFailure(outcome))
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            IntakeMetrics.GraphCallCompleted(resource, method, outcome, Stopwatch.GetElapsedTime(started));
            return response;
        }
        catch (Exception exception)
        {
            activity?.SetTag("error.type", exception.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error);
            IntakeMetrics.GraphCallCompleted(resource, method, Outcomes.Of(exception), Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}
