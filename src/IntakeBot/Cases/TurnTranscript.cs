using Microsoft.Bot.Schema;

namespace IntakeBot.Cases;

/// <summary>The activities of one turn, in and out, in order, until the turn decides which case (if
/// any) they belong to. A reply is in it from when the bot decides it; one that then fails to reach
/// the person is taken out again, so a case's transcript holds what the person saw. Each turn's is
/// held by the turn (<c>Conversation/ConversationTurn</c>).</summary>
public sealed class TurnTranscript
{
    private readonly List<TranscriptEntry> _entries = [];
    private readonly Dictionary<IActivity, TranscriptEntry> _replies = [];
    private readonly List<TranscriptEntry> _dropped = [];
    private readonly List<EvidenceItem> _evidence = [];

    public IReadOnlyList<TranscriptEntry> Entries => _entries;

    /// <summary>Replies taken out because they never reached the person.</summary>
    public IReadOnlyList<TranscriptEntry> Dropped => _dropped;

    /// <summary>Evidence items stored in this turn.</summary>
    public IReadOnlyList<EvidenceItem> Evidence => _evidence;

    /// <summary>The case this turn touched, set by whoever created or changed it.</summary>
    public string? CaseReference { get; set; }

    /// <summary>The case was deleted in this turn; nothing more is written to it.</summary>
    public bool CaseDeleted { get; set; }

    public void Add(TranscriptDirection direction, IActivity activity, DateTimeOffset at)
    {
        var entry = Entry(direction, activity, at);
        _entries.Add(entry);
        if (direction == TranscriptDirection.Out)
        {
            _replies[activity] = entry;
        }
    }

    /// <summary>Takes out a reply that never reached the person.</summary>
    public void Undelivered(IActivity activity)
    {
        if (_replies.Remove(activity, out var entry))
        {
            _entries.Remove(entry);
            _dropped.Add(entry);
        }
    }

    /// <summary>An evidence item by name, size and hash; its bytes stay in its own blob.</summary>
    public void AddEvidence(EvidenceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _evidence.Add(item);
        _entries.Add(new TranscriptEntry(item.AddedAt, TranscriptDirection.In, "evidence", null, item.AddedBy, $"{item.SafeName}, {item.Size} bytes, sha256 {item.Sha256}", [item.ContentType]));
    }

    private static TranscriptEntry Entry(TranscriptDirection direction, IActivity activity, DateTimeOffset at)
    {
        var message = activity as IMessageActivity;
        return new TranscriptEntry(
            at,
            direction,
            activity.Type ?? "unknown",
            activity.Id,
            activity.From?.Role ?? (direction == TranscriptDirection.In ? "user" : "bot"),
            message?.Text,
            message?.Attachments is { Count: > 0 } attachments ? [.. attachments.Select(a => a.ContentType ?? "unknown")] : null);
    }
}
