using System.Text.RegularExpressions;
using IntakeBot.Retention;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>hold IR-…</c> and <c>release IR-…</c>. These reach beyond the roster: a person in
/// <c>Retention:HoldRoles</c> may hold a case they do not own, so the owner check is <see cref="LegalHold"/>'s
/// (<see cref="LegalHold.MayHold"/>), which answers anyone else as a case that does not exist.</summary>
public sealed partial class HoldCommand(OwnedCaseGuard guard, LegalHold legalHold, TextCatalog text) : IOwnerCommand
{
    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (Pattern().Match(said) is not { Success: true } command || turn.Actor is not { } actor)
        {
            return false;
        }

        var hold = command.Groups["verb"].Value.Equals("hold", StringComparison.OrdinalIgnoreCase);
        var reference = command.Groups["ref"].Value.Trim().ToUpperInvariant();

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

    [GeneratedRegex(@"^(?<verb>hold|release)(\s+(?<ref>\S+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
