using IntakeBot.Cases;

namespace IntakeBot.Sharing;

/// <summary>The names the case file shows for the ids a case records (owner, reporter, the authors of
/// notes, messages, status changes and evidence): first what the case itself knows (the reporter's and
/// the taking responder's Teams names, the senders of kept messages, the people it was shared with),
/// then whatever the caller looked up in the directory.</summary>
public sealed class CaseFileNames
{
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    public static CaseFileNames Known(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var names = new CaseFileNames();
        foreach (var grant in record.Access)
        {
            names.Add(grant.UserId, grant.DisplayName);
            names.Add(grant.Email, grant.DisplayName);
        }

        foreach (var message in record.Evidence.Select(e => e.Message).OfType<MessageFacts>())
        {
            names.Add(message.SenderObjectId, message.SenderName);
        }

        // What Teams called the people in the conversation wins over anything else.
        names.Add(record.TakenBy?.AadObjectId, record.TakenBy?.Name);
        names.Add(record.Reporter?.AadObjectId, record.Reporter?.Name);
        return names;
    }

    /// <summary>Every id the case file shows a person for, whether its name is known or not.</summary>
    public static IEnumerable<string> People(CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new[] { record.Owner }
            .Concat(record.StatusHistory.Select(c => c.By))
            .Concat(record.Notes.Select(n => n.By))
            .Concat(record.Messages.Select(m => m.By))
            .Concat(record.Additions.Select(a => a.AddedBy))
            .Concat(record.Evidence.Select(e => e.AddedBy))
            .Concat(record.Evidence.Select(e => e.Message?.CapturedBy).OfType<string>())
            .Concat(record.Deadlines.Select(d => d.MetBy).OfType<string>())
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The ids of <paramref name="record"/> whose name is not known yet.</summary>
    public IEnumerable<string> Missing(CaseRecord record) => People(record).Where(id => !_names.ContainsKey(id));

    public void Add(string? id, string? name)
    {
        if (!string.IsNullOrWhiteSpace(id) && !string.IsNullOrWhiteSpace(name))
        {
            _names[id.Trim()] = name.Trim();
        }
    }

    /// <summary>The person's name, or null when nothing the bot knows names them.</summary>
    public string? Find(string? id) => id is not null && _names.TryGetValue(id.Trim(), out var name) ? name : null;
}
