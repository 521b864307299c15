using IntakeBot.Cases;
using IntakeBot.Sharing;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;
using IntakeBot.Text;
using IntakeBot.Responders;

namespace IntakeBot.Lifecycle;

/// <summary><c>transfer IR-… to &lt;upn, email or object id&gt;</c>: decides whether a case may go to another
/// responder on the roster. The new owner is found on the roster as typed or, where Graph is configured,
/// through the directory (an email or object id of someone whose UPN or object id is on the roster). Nothing
/// is written here: the caller commits the decision with the turn, and the owner then changes in one
/// conditional write after the commit (<see cref="Cases.CaseChanges"/>), so the case is never without one.</summary>
public sealed class CaseTransfer(SharingService sharing, GraphDirectory directory, IOptions<RosterOptions> roster, IOptions<SharingOptions> graph, TextCatalog text, ILogger<CaseTransfer> logger)
{
    private readonly HashSet<string> _roster = [.. roster.Value.Responders.Select(ResponderRoster.Normalize)];

    /// <summary>The answer to the owner's command and the hand-over it decided, if any; anyone who does
    /// not own the case gets the not-found answer.</summary>
    public Task<TransferDecision> DecideAsync(ITurnContext turnContext, string? owner, string reference, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return DecideAsync(turnContext.Activity.From.AadObjectId, owner, reference, target, cancellationToken);
    }

    /// <summary>The same decision for <paramref name="actor"/> (an AAD object id) acting as
    /// <paramref name="owner"/>, wherever they asked from (the chat, or the workspace tab's token).</summary>
    public async Task<TransferDecision> DecideAsync(string? actor, string? owner, string reference, string target, CancellationToken cancellationToken)
    {
        var record = await sharing.OwnedCaseAsync(owner, reference, cancellationToken).ConfigureAwait(false);
        if (record is null || owner is null || actor is null || !record.Status.IsSubmitted())
        {
            return new TransferDecision(text[TextKey.OwnerCaseNotFound], TextKey.OwnerCaseNotFound);
        }

        var (found, refusal) = await FindResponderAsync(target.Trim(), cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new TransferDecision(text.Format(refusal, record.Reference), refusal);
        }

        if (string.Equals(found.Entry, ResponderRoster.Normalize(owner), StringComparison.Ordinal) || string.Equals(found.Entry, ResponderRoster.Normalize(actor), StringComparison.Ordinal))
        {
            return new TransferDecision(text.Format(TextKey.TransferSelf, record.Reference), TextKey.TransferSelf);
        }

        return new TransferDecision(text.Format(TextKey.TransferDone, record.Reference, PlainText.Escape(found.Name ?? target.Trim())), TextKey.TransferDone, record.Reference, record.Owner, found.Entry, record.Reporter?.AadObjectId);
    }

    /// <summary>The roster entry of the person named, or why there is none.</summary>
    private async Task<(Responder? Found, TextKey Refusal)> FindResponderAsync(string target, CancellationToken cancellationToken)
    {
        var typed = ResponderRoster.Normalize(target);
        if (_roster.Contains(typed))
        {
            return (new Responder(typed, null), default);
        }

        var isId = Guid.TryParse(typed, out _);
        if (!graph.Value.Enabled || !(isId || GraphDirectory.IsPlainAddress(target)))
        {
            return (null, TextKey.TransferNotResponder);
        }

        try
        {
            var check = isId ? await directory.ByIdAsync(typed, cancellationToken).ConfigureAwait(false) : await directory.CheckAsync(target, cancellationToken).ConfigureAwait(false);
            if (check?.Verdict == RecipientVerdict.Group)
            {
                return (null, TextKey.TransferGroup);
            }

            // Whichever form the roster names them by: object id or UPN.
            var entry = check is { IsPerson: true } ? new[] { check.UserId, check.UserPrincipalName }.OfType<string>().Select(ResponderRoster.Normalize).FirstOrDefault(_roster.Contains) : null;
            return entry is null ? (null, TextKey.TransferNotResponder) : (new Responder(entry, check!.DisplayName), default);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The directory could not be asked about a transfer's new owner ({ExceptionType}).", e.GetType().FullName);
            return (null, TextKey.TransferUnavailable);
        }
    }

    private sealed record Responder(string Entry, string? Name);
}
