using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Evidence;

namespace IntakeBot.Sharing;

/// <summary>Reads everything the reporter or responder wrote in a case, so that a person it names is
/// never given it: every answer, the account, additions, what they typed in the transcript, evidence
/// file names and pasted-text evidence, the follow-up thread and internal notes, and kept Teams messages: their text, and their sender by name
/// and by Entra object id.</summary>
public sealed class ConflictCheck(ICaseStore cases, EvidenceStore evidence, TeamsMessageEvidence messages)
{
    /// <summary>How much of one text evidence item is read; pasted chat text is far smaller.</summary>
    private const int MaxTextEvidenceChars = 1024 * 1024;

    public async Task<ReportText> ReadAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var parts = new List<string?>();
        parts.AddRange(Strings(JsonSerializer.SerializeToNode(record.Answers)));
        parts.AddRange(record.Additions.Select(a => a.Text));

        // The thread and the internal notes are in the case file too.
        parts.AddRange(record.Messages.Select(m => m.Text));
        parts.AddRange(record.Notes.Select(n => n.Text));
        parts.AddRange(record.Evidence.SelectMany(e => new[] { e.OriginalName, e.SafeName }));
        parts.AddRange((await cases.ReadTranscriptAsync(record.Reference, cancellationToken).ConfigureAwait(false))
            .Where(t => t.Direction == TranscriptDirection.In)
            .Select(t => t.Text));
        foreach (var item in record.Evidence.Where(e => !e.Withheld && e.ContentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)))
        {
            await using var content = await evidence.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(content, Encoding.UTF8);
            var buffer = new char[MaxTextEvidenceChars];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            parts.Add(new string(buffer, 0, read));
        }

        var senders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in record.Evidence.Where(e => e.Message is not null))
        {
            parts.Add(item.Message!.SenderName);
            parts.Add(await messages.ReadTextAsync(item, cancellationToken).ConfigureAwait(false));
            if (item.Message.SenderObjectId is { } sender)
            {
                senders[sender] = item.Message.SenderName ?? sender;
            }
        }

        return new ReportText(parts, senders);
    }

    /// <summary>Every string in the answers, whatever sections the flows have.</summary>
    private static IEnumerable<string?> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
