using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Evidence;

/// <summary>Takes what one message brings as evidence for a case: uploaded files, pasted or inline
/// images, or pasted text. Each item is acknowledged by name and size, or refused with a reason;
/// nothing about its content is judged. A case keeps at most <see cref="CaseLimits.EvidenceItemsPerCase"/>
/// items and <see cref="CaseLimits.EvidenceBytesPerCase"/> bytes; an item past either is refused saying so.</summary>
public sealed class EvidenceIntake(
    AttachmentFetcher fetcher,
    EvidenceStore store,
    TextCatalog text,
    IOptions<EvidenceOptions> options,
    ILogger<EvidenceIntake> logger,
    IKeptEvidence kept,
    IOptions<CaseLimits> limits)
{
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>True when the message carries something to take as evidence besides its text.</summary>
    public static bool HasFiles(IMessageActivity activity) => Files(activity).Any();

    /// <summary>Stores every file of the message, or its text when it has no files; returns one
    /// reply per item. The turn's <paramref name="transcript"/> records the items and the case.</summary>
    public async Task<IReadOnlyList<string>> TakeAsync(ITurnContext turnContext, TurnTranscript transcript, string caseReference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(transcript);
        var activity = turnContext.Activity;
        var addedBy = activity.From.AadObjectId;
        transcript.CaseReference = caseReference;

        var files = Files(activity).ToList();
        var soFar = await kept.OfAsync(turnContext, caseReference, cancellationToken).ConfigureAwait(false);
        List<EvidenceItem> held = [.. soFar.Items];
        if (files.Count == 0)
        {
            var pasted = activity.Text?.Trim();
            if (string.IsNullOrEmpty(pasted))
            {
                return [text[TextKey.NoTextReceived]];
            }

            var key = ItemKey(activity, 0);
            var room = Room(held, caseReference, key);
            var pastedName = text[TextKey.EvidencePastedText];
            if (room.Full is { } full)
            {
                return [full(pastedName)];
            }

            try
            {
                var item = await store.SaveTextAsync(caseReference, key, pasted, addedBy, room.Bytes, cancellationToken).ConfigureAwait(false);
                transcript.AddEvidence(item);
                return [text.Format(TextKey.EvidenceTextSaved, Sizes.Format(text, item.Size))];
            }
            catch (EvidenceTooLargeException)
            {
                LogRefusal(caseReference, FileRefusal.TooLarge);
                return [TooLarge(pastedName, room.Bytes)];
            }
        }

        var replies = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var key = ItemKey(activity, i);
            var number = soFar.Confidential ? NumberOf(held, caseReference, key) : 0;
            var (reply, item) = await TakeFileAsync(turnContext, transcript, caseReference, files[i], key, addedBy, held, number, cancellationToken).ConfigureAwait(false);
            replies.Add(reply);
            if (item is not null)
            {
                held.Add(item with { Number = number });
            }
        }

        return replies;
    }

    /// <summary>The number an item of a confidential case will have (its earlier copy's, for the same
    /// message delivered again), for the neutral name it is stored and shown by.</summary>
    private static int NumberOf(IReadOnlyList<EvidenceItem> held, string caseReference, string itemKey)
        => held.FirstOrDefault(e => e.BlobName.StartsWith($"{caseReference}/evidence/{itemKey}-", StringComparison.Ordinal)) is { Number: > 0 } earlier
            ? earlier.Number
            : held.Count == 0 ? 1 : Math.Max(held.Max(e => e.Number), held.Count) + 1;

    /// <summary>How many bytes the next item may have, or the refusal when the case has no room. The item's
    /// own earlier copy (the same message delivered again) does not count against it.</summary>
    private (long Bytes, Func<string, string>? Full) Room(IReadOnlyList<EvidenceItem> kept, string caseReference, string itemKey)
    {
        var others = kept.Where(e => !e.BlobName.StartsWith($"{caseReference}/evidence/{itemKey}-", StringComparison.Ordinal)).ToList();
        var limit = limits.Value;
        if (others.Count >= limit.EvidenceItemsPerCase)
        {
            return (0, name => text.Format(TextKey.EvidenceRefusedCaseFull, name, others.Count));
        }

        var left = limit.EvidenceBytesPerCase - others.Sum(e => e.Size);
        return left <= 0
            ? (0, name => text.Format(TextKey.EvidenceRefusedCaseSpace, name, Sizes.Format(text, limit.EvidenceBytesPerCase), Sizes.Format(text, 0)))
            : (Math.Min(options.Value.MaxBytes, left), null);
    }

    /// <summary>A file over the room it had: the per-file limit, or what is left of the case's.</summary>
    private string TooLarge(string name, long room)
        => room < options.Value.MaxBytes
            ? text.Format(TextKey.EvidenceRefusedCaseSpace, name, Sizes.Format(text, limits.Value.EvidenceBytesPerCase), Sizes.Format(text, room))
            : Refusal(FileRefusal.TooLarge, name);

    /// <summary>Takes one file. In a confidential case (<paramref name="number"/> above 0) every reply and
    /// transcript line names it by its neutral name ("evidence-2.docx"), never by the name it came with.</summary>
    private async Task<(string Reply, EvidenceItem? Item)> TakeFileAsync(ITurnContext turnContext, TurnTranscript transcript, string caseReference, Attachment attachment, string itemKey, string addedBy, IReadOnlyList<EvidenceItem> kept, int number, CancellationToken cancellationToken)
    {
        var (url, connectorAuth, originalName) = Locate(attachment);
        var confidential = number > 0;
        var displayName = FileNames.Sanitize(originalName, "attachment");
        if (confidential)
        {
            displayName = EvidenceStore.NeutralName(number, displayName);
        }

        if (url is null)
        {
            return (Refusal(FileRefusal.NotAFile, displayName), null);
        }

        var room = Room(kept, caseReference, itemKey);
        if (room.Full is { } full)
        {
            LogRefusal(caseReference, FileRefusal.TooLarge);
            return (full(displayName), null);
        }

        using var fetched = await fetcher.OpenAsync(turnContext, url, connectorAuth, cancellationToken).ConfigureAwait(false);
        if (fetched.Response is not { } response)
        {
            LogRefusal(caseReference, fetched.Refusal);
            return (Refusal(fetched.Refusal, displayName), null);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var head = new byte[FileTypes.SniffLength];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var checkedName = FileNames.Sanitize(originalName, "attachment");
        checkedName = connectorAuth ? ImageName(checkedName, attachment.ContentType, head.AsSpan(0, headLength)) : checkedName;
        var safeName = confidential ? EvidenceStore.NeutralName(number, checkedName) : checkedName;
        var check = FileTypes.Check(checkedName, head.AsSpan(0, headLength));
        if (!check.Accepted)
        {
            LogRefusal(caseReference, check.Refusal);
            return (Refusal(check.Refusal, safeName), null);
        }

        try
        {
            var content = new PrefixedStream(head.AsMemory(0, headLength), body);
            var item = confidential
                ? await store.SaveSealedAsync(caseReference, itemKey, originalName ?? checkedName, checkedName, safeName, check.ContentType!, content, room.Bytes, addedBy, cancellationToken).ConfigureAwait(false)
                : await store.SaveAsync(caseReference, itemKey, originalName ?? safeName, safeName, check.ContentType!, content, room.Bytes, addedBy, cancellationToken).ConfigureAwait(false);
            transcript.AddEvidence(item);
            logger.LogInformation("Evidence item {Number} stored for case {CaseReference} ({Size} bytes, sealed: {Sealed}, withheld: {Withheld}).", item.Number, caseReference, item.Size, confidential, item.Withheld);
            var saved = !confidential ? TextKey.EvidenceSaved : item.Withheld ? TextKey.EvidenceSavedWithheld : TextKey.EvidenceSavedCleaned;
            return (text.Format(saved, item.SafeName, Sizes.Format(text, item.Size)), item);
        }
        catch (EvidenceTooLargeException)
        {
            LogRefusal(caseReference, FileRefusal.TooLarge);
            return (TooLarge(safeName, room.Bytes), null);
        }
        catch (EvidenceRefusedException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogRefusal(caseReference, e.Refusal);
            return (Refusal(e.Refusal, safeName), null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            LogRefusal(caseReference, FileRefusal.DownloadFailed);
            return (Refusal(FileRefusal.DownloadFailed, safeName), null);
        }
    }

    /// <summary>The same message and attachment always give the same key (a hash, so that no id shows
    /// in a blob name); a message without an id gets a new one.</summary>
    private static string ItemKey(IActivity activity, int index)
    {
        var id = string.IsNullOrEmpty(activity.Id) ? Guid.NewGuid().ToString("N") : activity.Id;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{activity.Conversation?.Id}\n{id}")));
        return string.Create(CultureInfo.InvariantCulture, $"{hash[..16]}-{index + 1:00}");
    }

    /// <summary>Where an attachment's bytes are and whether the connector's token goes with the
    /// request. Teams' formatted-message companion (text/html) is not evidence and never fetched.</summary>
    private static (Uri? Url, bool ConnectorAuth, string? Name) Locate(Attachment attachment)
    {
        if (attachment.ContentType == FileDownloadInfo)
        {
            var downloadUrl = (attachment.Content as JObject)?.Value<string>("downloadUrl");
            return (Uri.TryCreate(downloadUrl, UriKind.Absolute, out var url) ? url : null, false, attachment.Name);
        }

        if (attachment.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true)
        {
            return (Uri.TryCreate(attachment.ContentUrl, UriKind.Absolute, out var url) ? url : null, true, attachment.Name ?? "screenshot");
        }

        return (null, false, attachment.Name ?? attachment.ContentType);
    }

    /// <summary>Pasted images often come without a name or extension: the type decides it.</summary>
    private static string ImageName(string name, string? contentType, ReadOnlySpan<byte> head)
    {
        if (FileNames.Extension(name).Length > 0)
        {
            return name;
        }

        var extension = FileTypes.ExtensionForImage(contentType);
        return name + (extension.Length > 0 ? extension : FileTypes.ExtensionForImage(FileTypes.ImageContentType(head)));
    }

    private static IEnumerable<Attachment> Files(IMessageActivity activity)
        => (activity.Attachments ?? []).Where(a => a is not null && !string.Equals(a.ContentType, "text/html", StringComparison.OrdinalIgnoreCase));

    private string Refusal(FileRefusal refusal, string name) => refusal switch
    {
        FileRefusal.WebPageInstead => text.Format(TextKey.EvidenceRefusedWebPage, name),
        FileRefusal.Executable => text.Format(TextKey.EvidenceRefusedExecutable, name),
        FileRefusal.Archive => text.Format(TextKey.EvidenceRefusedArchive, name),
        FileRefusal.ContentDoesNotMatchName => text.Format(TextKey.EvidenceRefusedMismatch, name),
        FileRefusal.TooLarge => text.Format(TextKey.EvidenceRefusedTooLarge, name, Sizes.Format(text, options.Value.MaxBytes)),
        FileRefusal.HostNotAllowed => text.Format(TextKey.EvidenceRefusedHost, name),
        FileRefusal.DownloadFailed => text.Format(TextKey.EvidenceRefusedDownload, name),
        FileRefusal.NotAFile => text.Format(TextKey.EvidenceRefusedNotAFile, name),
        _ => text.Format(TextKey.EvidenceRefusedType, name),
    };

    private void LogRefusal(string caseReference, FileRefusal refusal)
        => logger.LogInformation("An evidence item for case {CaseReference} was refused: {Refusal}.", caseReference, refusal);
}
