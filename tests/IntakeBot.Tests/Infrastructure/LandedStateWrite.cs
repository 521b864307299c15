using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>A write of conversation state that lands and is then reported as failed, the way a storage
/// restart does it: after <see cref="ArmNextWrite"/>, the next state blob upload reaches storage and is
/// stored, and the client then throws what it throws when it gives up after its retries (an
/// <see cref="AggregateException"/> of connection failures). Armed with <c>thenUnreadable</c>, every read
/// of a state blob after it fails too, as storage does while it restarts, until <see cref="Readable"/>.
/// A pipeline policy on the app's own <see cref="BlobServiceClient"/>, ahead of its retries.</summary>
internal sealed partial class LandedStateWrite(string stateContainer) : HttpPipelinePolicy
{
    private int _armed;
    private int _landed;
    private int _unreadable;

    public void ArmNextWrite(bool thenUnreadable = false) => Volatile.Write(ref _armed, thenUnreadable ? 2 : 1);

    /// <summary>Every read of a state blob fails from now on, as while storage restarts, until <see cref="Readable"/>.</summary>
    public void Unreadable() => Volatile.Write(ref _unreadable, 1);

    /// <summary>Storage answers reads again.</summary>
    public void Readable() => Volatile.Write(ref _unreadable, 0);

    /// <summary>How many writes landed and were reported as failed.</summary>
    public int Landed => Volatile.Read(ref _landed);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        FailIfArmed(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        FailIfArmed(message);
    }

    /// <summary>Replaces the app's blob client with one that has this policy (for <see cref="BotApp"/>'s services).</summary>
    public void Install(AzuriteFixture azurite, IServiceCollection services)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        services.AddSingleton(new BlobServiceClient(azurite.ConnectionString, options));
    }

    private void FailIfArmed(HttpMessage message)
    {
        var path = message.Request.Uri.ToUri().AbsolutePath;
        var stateBlob = path.Contains($"/{stateContainer}/", StringComparison.Ordinal) && StateBlob().IsMatch(path);
        if (stateBlob && message.Request.Method == RequestMethod.Get && Volatile.Read(ref _unreadable) == 1)
        {
            throw new HttpRequestException("Injected by the test: storage is restarting.");
        }

        if (message.Request.Method == RequestMethod.Put && message.Response.Status == 201 && stateBlob
            && Interlocked.Exchange(ref _armed, 0) is var armed and > 0)
        {
            Volatile.Write(ref _unreadable, armed == 2 ? 1 : 0);
            Interlocked.Increment(ref _landed);
            throw new AggregateException(
                new HttpRequestException("Injected by the test: the answer to the write was lost."),
                new HttpRequestException("Injected by the test: storage is restarting."));
        }
    }

    [GeneratedRegex("/[0-9a-f]{64}\\.json$")]
    private static partial Regex StateBlob();
}
