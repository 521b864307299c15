using IntakeBot.Retention;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>hold IR-…</c> and <c>release IR-…</c>. These reach beyond the roster: a person in
/// <c>Retention:HoldRoles</c> may hold a case they do not own, so the owner check is <see cref="LegalHold"/>'s
/// (<see cref="LegalHold.MayHold"/>), which answers anyone else as a case that does not exist.</summary>
public sealed class HoldCommand(OwnedCaseGuard guard, LegalHold legalHold, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbHold, TextKey.VerbRelease) is not { Ends: true } command || turn.Actor is not { } actor)
        {
            return false;
        }

        var hold = command.Verb == TextKey.VerbHold;
        var reference = command.Reference;

        // A hold is written to case.json, which this version must not write back over a newer one's status.
        var reply = await guard.NewerVersionAsync(reference, record => legalHold.MayHold(record, actor, turn.Owner), cancellationToken).ConfigureAwait(false)
            ?? (hold, reference.Length) switch
            {
                (true, 0) => text[TextKey.HoldUsage],
                (false, 0) => text[TextKey.ReleaseUsage],
                (true, _) => Held(await legalHold.HoldAsync(reference, actor, turn.Owner, cancellationToken).ConfigureAwait(false), reference),
                (false, _) => Held(await legalHold.ReleaseAsync(reference, actor, turn.Owner, cancellationToken).ConfigureAwait(false), reference),
            };
        await turn.ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private string Held(HoldOutcome outcome, string reference) => outcome switch
    {
        HoldOutcome.Held => text.Format(TextKey.HoldDone, reference),
        HoldOutcome.AlreadyHeld => text.Format(TextKey.HoldAlready, reference),
        HoldOutcome.Released => text.Format(TextKey.ReleaseDone, reference),
        HoldOutcome.NotHeld => text.Format(TextKey.ReleaseNotHeld, reference),
        HoldOutcome.HeldByHoldRole => text.Format(TextKey.ReleaseHeldByHoldRole, reference),
        _ => text[TextKey.OwnerCaseNotFound],
    };
}
