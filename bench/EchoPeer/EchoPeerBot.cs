using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bench.EchoPeer;

/// <summary>Per message: one read of the conversation's state blob, one write guarded by its ETag (or by
/// If-None-Match for a new conversation), one reply. A lost write is reported as a failed turn, as a bot
/// that keeps state must.</summary>
internal sealed class EchoPeerBot(BlobContainerClient container) : ActivityHandler
{
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(turnContext.Activity.Conversation.Id));
        var state = new PeerState(0, null);
        ETag? etag = null;
        try
        {
            var stored = await blob.DownloadContentAsync(cancellationToken);
            state = stored.Value.Content.ToObjectFromJson<PeerState>() ?? state;
            etag = stored.Value.Details.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        state = new PeerState(state.Turns + 1, turnContext.Activity.Text);
        var conditions = etag is { } known ? new BlobRequestConditions { IfMatch = known } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        await blob.UploadAsync(BinaryData.FromObjectAsJson(state), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
        await turnContext.SendActivityAsync(MessageFactory.Text($"echo {state.Turns}"), cancellationToken);
    }

    private static string BlobName(string conversationId)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId))) + ".json";

    private sealed record PeerState(int Turns, string? Last);
}
