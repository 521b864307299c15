using System.Xml.Linq;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Azure's blob index as it really behaves: eventually consistent. Azure documents that a tag
/// just written may take from under a second to minutes (under heavy tagging) before Find Blobs by Tags
/// finds it; Azurite finds it at once, so without this no test would ever see the lag.
///
/// A pipeline policy on the app's own <see cref="BlobServiceClient"/>: while <see cref="Lagging"/>,
/// every blob whose tags the app writes (an upload with <c>x-ms-tags</c>, or Set Blob Tags) is left out
/// of Find Blobs by Tags answers (container or account) until <see cref="CatchUp"/>; reads of the blob
/// itself are untouched, as in Azure.</summary>
internal sealed class LaggingTagIndex : HttpPipelinePolicy
{
    private readonly HashSet<string> _unindexed = new(StringComparer.Ordinal);
    private int _lagging = 1;
    private int _hidden;

    /// <summary>Whether tags written now stay out of the index; on from the start.</summary>
    public bool Lagging
    {
        get => Volatile.Read(ref _lagging) == 1;
        set => Volatile.Write(ref _lagging, value ? 1 : 0);
    }

    /// <summary>How many times a Find Blobs by Tags answer left a blob out: a test checks that the lag
    /// was really in the way.</summary>
    public int Hidden => Volatile.Read(ref _hidden);

    /// <summary>The index has caught up: every blob tagged so far is found from now on.</summary>
    public void CatchUp()
    {
        lock (_unindexed)
        {
            _unindexed.Clear();
        }
    }

    /// <summary>Replaces the app's blob client with one that goes through this index (for
    /// <see cref="BotApp"/>'s services).</summary>
    public void Install(AzuriteFixture azurite, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        services.AddSingleton(new BlobServiceClient(azurite.ConnectionString, options));
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        ProcessNext(message, pipeline);
        Observe(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Observe(message);
    }

    private void Observe(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var succeeded = message.HasResponse && message.Response.Status is >= 200 and < 300;
        if (!succeeded)
        {
            return;
        }

        if (request.Method == RequestMethod.Get && query["comp"] == "blobs" && query["where"] is not null)
        {
            LeaveOutUnindexed(message);
        }
        else if (Lagging && request.Method == RequestMethod.Put && (query["comp"] == "tags" || (query["comp"] is null && request.Headers.TryGetValue("x-ms-tags", out _))))
        {
            lock (_unindexed)
            {
                _unindexed.Add(Key(uri.AbsolutePath));
            }
        }
    }

    /// <summary>Rewrites the answer without the blobs the index has not caught up with. The response is
    /// buffered by the pipeline before it reaches a per-call policy.</summary>
    private void LeaveOutUnindexed(HttpMessage message)
    {
        var xml = XDocument.Parse(message.Response.Content.ToString());
        var left = xml.Descendants("Blob")
            .Where(b => IsUnindexed($"{(string?)b.Element("ContainerName")}/{(string?)b.Element("Name")}"))
            .ToList();
        if (left.Count == 0)
        {
            return;
        }

        left.ForEach(b => b.Remove());
        Interlocked.Add(ref _hidden, left.Count);
        var stream = new MemoryStream();
        xml.Save(stream);
        stream.Position = 0;
        message.Response.ContentStream = stream;
    }

    private bool IsUnindexed(string containerAndName)
    {
        lock (_unindexed)
        {
            return _unindexed.Contains(containerAndName);
        }
    }

    /// <summary>"container/blob name" from a request path ("/account/container/name" on Azurite).</summary>
    private static string Key(string absolutePath)
    {
        var parts = Uri.UnescapeDataString(absolutePath).TrimStart('/').Split('/', 3);
        return parts.Length == 3 ? $"{parts[1]}/{parts[2]}" : string.Empty;
    }
}
