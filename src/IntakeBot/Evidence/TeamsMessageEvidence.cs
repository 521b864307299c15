using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using Microsoft.Extensions.Options;

namespace IntakeBot.Evidence;

/// <summary>A kept Teams message as an evidence item: one JSON blob under the case holding the text,
/// the original HTML and the facts, hashed and classified like any evidence. Its name comes from the
/// message itself, so the same message kept twice is one item.</summary>
public sealed class TeamsMessageEvidence(EvidenceStore store, IOptions<EvidenceOptions> options)
{
    public const string ContentType = "application/json";
    public const string FileName = "teams-message.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<EvidenceItem> SaveAsync(string reference, CapturedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var facts = message.Facts;
        var document = new
        {
            kind = MessageFacts.EvidenceKind,
            messageId = facts.MessageId,
            sender = new { objectId = facts.SenderObjectId, identityType = facts.SenderIdentityType, displayName = facts.SenderName },
            sentAt = facts.SentAt,
            conversationKind = facts.ConversationKind,
            link = facts.Link,
            text = message.Text,
            html = message.Html,
            attachments = facts.Attachments,
            capturedBy = facts.CapturedBy,
            capturedAt = facts.CapturedAt,
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        return store.SaveAsync(reference, ItemKey(facts), FileName, FileName, ContentType, new MemoryStream(bytes), options.Value.MaxBytes, facts.CapturedBy, facts, cancellationToken);
    }

    /// <summary>The text kept in a message item's blob, for the conflict check.</summary>
    public async Task<string?> ReadTextAsync(EvidenceItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var content = await store.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
    }

    /// <summary>A hash of the message id and its link (which names the conversation), so that no id
    /// shows in a blob name and the same message always gets the same one (its images too).</summary>
    public static string ItemKey(MessageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{facts.MessageId}\n{facts.Link}")));
        return string.Create(CultureInfo.InvariantCulture, $"msg-{hash[..16]}");
    }
}
