using IntakeBot.Cases;
using IntakeBot.Sharing;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary>The one check in front of every owner verb that names a case. Anyone who does not own the
/// named case gets exactly the answer a case that does not exist gets; the owner's own case whose status
/// a newer version wrote is said to be kept as it is (this version never writes it back:
/// <see cref="CaseStatus.Unknown"/>).</summary>
public sealed class OwnedCaseGuard(ICaseStore cases, SharingService sharing, TextCatalog text)
{
    /// <summary>The submitted case named <paramref name="reference"/> when the caller owns it. With
    /// <paramref name="actorRequired"/>, a caller Teams gave no object id may not change it either.</summary>
    public async Task<OwnedCase> ReadAsync(OwnerTurn turn, string reference, bool actorRequired, CancellationToken cancellationToken)
    {
        var record = await sharing.OwnedCaseAsync(turn.Owner, reference, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new OwnedCase(null, await NewerVersionAsync(reference, c => IsOwner(c, turn.Owner), cancellationToken).ConfigureAwait(false) ?? text[TextKey.OwnerCaseNotFound]);
        }

        return actorRequired && turn.Actor is null ? new OwnedCase(null, text[TextKey.OwnerCaseNotFound]) : new OwnedCase(record, null);
    }

    /// <summary>The calm answer when a newer version wrote the named case's status and this person may
    /// act on it (<paramref name="mayAct"/>); null otherwise.</summary>
    public async Task<string?> NewerVersionAsync(string reference, Func<CaseRecord, bool> mayAct, CancellationToken cancellationToken)
    {
        var normalized = reference.Trim().ToUpperInvariant();
        return CaseReference.IsValid(normalized) && await cases.GetAsync(normalized, cancellationToken).ConfigureAwait(false) is { Status: CaseStatus.Unknown } record && mayAct(record)
            ? text.Format(TextKey.OwnerCaseFromNewerVersion, record.Reference)
            : null;
    }

    public static bool IsOwner(CaseRecord record, string? owner) => owner is not null && string.Equals(record.Owner, owner, StringComparison.OrdinalIgnoreCase);
}
