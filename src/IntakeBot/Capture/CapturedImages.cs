using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Evidence;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Capture;

/// <summary>The images of a kept message, stored as evidence beside it: each is fetched through the
/// same allow-listed, streaming, size-bounded <see cref="AttachmentFetcher"/> as a pasted image (the
/// bot's token only for the connector's host), and kept only when its bytes are an image. One that is
/// not on the allow-list, too large, slow past Evidence:TimeoutSeconds or not an image is skipped and
/// stays listed by name in the message's facts.</summary>
public sealed class CapturedImages(AttachmentFetcher fetcher, EvidenceStore store, IOptions<EvidenceOptions> options, ILogger<CapturedImages> logger)
{
    public async Task<IReadOnlyList<EvidenceItem>> SaveAsync(ITurnContext turnContext, string reference, CapturedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var items = new List<EvidenceItem>();
        var images = message.Images ?? [];
        for (var i = 0; i < images.Count; i++)
        {
            var key = $"{TeamsMessageEvidence.ItemKey(message.Facts)}-img{i + 1:00}";
            if (await SaveAsync(turnContext, reference, key, images[i], message.Facts.CapturedBy, cancellationToken).ConfigureAwait(false) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    private async Task<EvidenceItem?> SaveAsync(ITurnContext turnContext, string reference, string key, CapturedImage image, string addedBy, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(image.Url, UriKind.Absolute, out var url))
        {
            return Skipped(reference, FileRefusal.NotAFile);
        }

        if (!FromTeams(turnContext, url))
        {
            return Skipped(reference, FileRefusal.HostNotAllowed);
        }

        using var fetched = await fetcher.OpenAsync(turnContext, url, connectorAuth: true, cancellationToken).ConfigureAwait(false);
        if (fetched.Response is not { } response)
        {
            return Skipped(reference, fetched.Refusal);
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var head = new byte[FileTypes.SniffLength];
            var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (FileTypes.ImageContentType(head.AsSpan(0, headLength)) is not { } contentType)
            {
                return Skipped(reference, FileRefusal.ContentDoesNotMatchName);
            }

            // The name is the message's (alt text or file name); the bytes decide the extension.
            var name = FileNames.Sanitize(image.Name, "image");
            var safeName = FileNames.Extension(name).Length > 0 ? name : name + FileTypes.ExtensionForImage(contentType);
            var item = await store.SaveAsync(reference, key, image.Name, safeName, contentType, new PrefixedStream(head.AsMemory(0, headLength), body), options.Value.MaxBytes, addedBy, cancellationToken).ConfigureAwait(false);
            ConversationTurn.Of(turnContext).Transcript.AddEvidence(item);
            return item;
        }
        catch (EvidenceTooLargeException)
        {
            return Skipped(reference, FileRefusal.TooLarge);
        }
        catch (EvidenceRefusedException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Skipped(reference, e.Refusal);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return Skipped(reference, FileRefusal.DownloadFailed);
        }
    }

    /// <summary>On the connector's host or the organisation's own SharePoint host: the sender wrote the
    /// message's HTML and could point an image anywhere else, even at another organisation's SharePoint.</summary>
    private bool FromTeams(ITurnContext turnContext, Uri url)
        => (Uri.TryCreate(turnContext.Activity.ServiceUrl, UriKind.Absolute, out var service) && string.Equals(url.Host, service.Host, StringComparison.OrdinalIgnoreCase))
            || (!string.IsNullOrWhiteSpace(options.Value.TenantSharePointHost) && string.Equals(url.Host, options.Value.TenantSharePointHost.Trim(), StringComparison.OrdinalIgnoreCase));

    private EvidenceItem? Skipped(string reference, FileRefusal refusal)
    {
        logger.LogInformation("An image of a kept message was listed by name only for case {CaseReference}: {Refusal}.", reference, refusal);
        return null;
    }
}
