using IntakeBot.Cases;
using IntakeBot.Evidence;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Bot;

/// <summary>The activities of one turn, in and out, in order, until the turn decides which case (if
/// any) they belong to.</summary>
public sealed class TurnTranscript
{
    private readonly List<TranscriptEntry> _entries = [];

    public IReadOnlyList<TranscriptEntry> Entries => _entries;

    /// <summary>The case this turn touched, set by whoever created or changed it.</summary>
    public string? CaseReference { get; set; }

    /// <summary>The case was deleted in this turn; nothing more is written to it.</summary>
    public bool CaseDeleted { get; set; }

    public void Add(string direction, IActivity activity, DateTimeOffset at)
    {
        var message = activity as IMessageActivity;
        _entries.Add(new TranscriptEntry(
            at,
            direction,
            activity.Type ?? "unknown",
            activity.Id,
            activity.From?.Role ?? (direction == "in" ? "user" : "bot"),
            message?.Text,
            message?.Attachments is { Count: > 0 } attachments ? [.. attachments.Select(a => a.ContentType ?? "unknown")] : null));
    }

    /// <summary>An evidence item by name, size and hash; its bytes stay in its own blob.</summary>
    public void AddEvidence(EvidenceItem item)
        => _entries.Add(new TranscriptEntry(item.AddedAt, "in", "evidence", null, item.AddedBy, $"{item.SafeName}, {item.Size} bytes, sha256 {item.Sha256}", [item.ContentType]));

    public static TurnTranscript? Of(ITurnContext turnContext) => turnContext.TurnState.Get<TurnTranscript>();
}
