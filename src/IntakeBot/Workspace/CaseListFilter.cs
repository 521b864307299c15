using IntakeBot.Cases;
using IntakeBot.Storage;

namespace IntakeBot.Workspace;

/// <summary>The list's filters as the query string gives them; each one left out keeps every case.</summary>
public sealed record CaseListFilter(string? Status, bool? Overdue, bool? Safety, bool? NeedsReply, int Page)
{
    /// <summary>Whether the item passes every filter given. <c>status=open</c> keeps every case not
    /// closed; a status word that names none keeps nothing.</summary>
    public bool Keeps(CaseListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var status = Status is null
            || (Status.Equals("open", StringComparison.OrdinalIgnoreCase) ? item.Status.IsOpen() : Status.Equals(item.Status.ToStoredName(), StringComparison.OrdinalIgnoreCase));
        return status
            && (Overdue is not { } overdue || item.Overdue == overdue)
            && (Safety is not { } safety || item.SafetyConcern == safety)
            && (NeedsReply is not { } needsReply || item.NeedsReply == needsReply);
    }
}
