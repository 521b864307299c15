using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Every request the app sends to blob storage (each retry too), as "METHOD /container/blob?query",
/// recorded by a pipeline policy on the app's own <see cref="BlobServiceClient"/>: a test counts the round
/// trips a turn costs.</summary>
internal sealed class StorageRequests : HttpPipelineSynchronousPolicy
{
    private readonly List<string> _sent = [];
    private long _received;

    /// <summary>How many requests have been sent so far: a mark to count from.</summary>
    public int Count
    {
        get
        {
            lock (_sent)
            {
                return _sent.Count;
            }
        }
    }

    /// <summary>The requests since <paramref name="mark"/> whose path contains <paramref name="part"/>.</summary>
    public IReadOnlyList<string> Since(int mark, string part)
    {
        lock (_sent)
        {
            return [.. _sent.Skip(mark).Where(r => r.Contains(part, StringComparison.Ordinal))];
        }
    }

    /// <summary>How many bytes of response bodies have come back so far (by their Content-Length).</summary>
    public long ReceivedBytes => Interlocked.Read(ref _received);

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Response.Headers.ContentLength is { } length)
        {
            Interlocked.Add(ref _received, length);
        }
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = message.Request.Uri.ToUri();
        lock (_sent)
        {
            _sent.Add($"{message.Request.Method} {uri.AbsolutePath}{uri.Query}");
        }
    }

    /// <summary>Replaces the app's blob client with one that records through this policy (for
    /// <see cref="BotApp"/>'s services).</summary>
    public void Install(AzuriteFixture azurite, IServiceCollection services)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        services.AddSingleton(new BlobServiceClient(azurite.ConnectionString, options));
    }
}
