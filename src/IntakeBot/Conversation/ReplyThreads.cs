using IntakeBot.Cases;
using IntakeBot.Conversation.Owner;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace IntakeBot.Conversation;

/// <summary>Replies find their way: after a case's owner writes to its reporter (or the reporter
/// replies), the other person's next plain messages, the ones that start nothing, go into that case's
/// thread and each is confirmed, until they do something else (any other command). The live thread is
/// the one the person opened last (<see cref="ConversationProfile.ThreadReference"/>) or, failing that,
/// the case whose latest message from the other side came after their last command. A message that
/// starts with a command word and goes on (it could be either) is asked about, with both as choices.</summary>
public sealed class ReplyThreads(ICaseStore cases, CaseDrafts drafts, ReporterCommands reporter, OwnerCommands owner, ConversationStateAccessors state, TextCatalog text, TimeProvider clock)
{
    /// <summary>How many of a person's cases are read, newest first, to find a thread written in.</summary>
    private const int MostCasesRead = 20;

    /// <summary>A longer message is a reply, not a command: only shorter ones are asked about (the
    /// question's choice carries the whole message back).</summary>
    private const int LongestAsked = 200;

    private static readonly TextKey[] CommandWords = [TextKey.ChoiceHelp, TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoicePrivacy, TextKey.ChoiceCases, TextKey.ChoiceSubmit, TextKey.ChoiceDone, TextKey.ChoiceStop, TextKey.ChoicePause];

    /// <summary>Notes a command the root answered: one that opens a case's thread makes it the live one;
    /// any other leaves every thread.</summary>
    public async Task HandledAsync(ITurnContext turnContext, string? said, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var profile = await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (text.Commands.Read(said, TextKey.VerbView, TextKey.VerbReply, TextKey.VerbCase, TextKey.VerbMessage) is { NamesACase: true } opened)
        {
            profile.ThreadReference = opened.Reference;
            return;
        }

        profile.ThreadReference = null;
        profile.LeftThreadsAt = clock.GetUtcNow();
    }

    /// <summary>Sends a plain message into the live thread, or asks whether it is meant for it; false
    /// when no thread is live (the message is answered as before).</summary>
    public async Task<bool> TryRouteAsync(ITurnContext turnContext, string said, string? responder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(said);
        if (await LiveAsync(turnContext, responder, cancellationToken).ConfigureAwait(false) is not var (reference, asOwner))
        {
            return false;
        }

        // An owner's words that begin "confirm" would read as the command's own confirm (past a
        // reporter's no-contact wish): those are left to be typed as the command.
        if (asOwner && text.Commands.After(said, TextKey.VerbConfirm) is not null)
        {
            return false;
        }

        var send = asOwner ? $"message {reference} {said}" : $"reply {reference} {said}";
        if (CommandWordAtStart(said) is { } command && said.Length <= LongestAsked)
        {
            var ask = Replies.WithChoices(text.Format(asOwner ? TextKey.ThreadOrCommandOwner : TextKey.ThreadOrCommand, reference, command));
            ask.SuggestedActions = new SuggestedActions
            {
                Actions = [new CardAction(ActionTypes.ImBack, text.Format(TextKey.ChoiceSendToThread, reference), value: send), new CardAction(ActionTypes.ImBack, command, value: command)],
            };
            await turnContext.SendActivityAsync(ask, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (asOwner)
        {
            return await owner.TryHandleAsync(turnContext, send, responder, cancellationToken).ConfigureAwait(false);
        }

        var (answer, _) = await reporter.ReplyAsync(turnContext, reference, said, inThread: true, cancellationToken).ConfigureAwait(false);
        await turnContext.SendActivityAsync(answer, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The live thread and whether the person writes in it as its owner; null when none is.</summary>
    /// <summary>The case whose thread a reporter's plain message goes to now, or null: the case a
    /// safety concern in that message is raised on.</summary>
    public async Task<string?> ReporterThreadAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        => await LiveAsync(turnContext, null, cancellationToken).ConfigureAwait(false) is (var reference, false) ? reference : null;

    private async Task<(string Reference, bool AsOwner)?> LiveAsync(ITurnContext turnContext, string? responder, CancellationToken cancellationToken)
    {
        var profile = await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (profile.ThreadReference is { } opened)
        {
            if (await reporter.ReplyRefusedAsync(turnContext, opened, cancellationToken).ConfigureAwait(false) is null)
            {
                return (opened, false);
            }

            if (responder is not null && await cases.GetAsync(opened, cancellationToken).ConfigureAwait(false) is { Reporter: not null } owned && owned.Owner == responder && owned.Status.IsOpen())
            {
                return (opened, true);
            }
        }

        var mine = await cases.ListAsync(new CaseFilter(ReporterAadObjectId: turnContext.Activity.From.AadObjectId, Recent: await drafts.RecentlySubmittedAsync(turnContext, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        var best = await LatestWrittenToAsync(mine.Where(c => c.Status.IsSubmitted()), CaseMessage.FromOwner, profile.LeftThreadsAt, cancellationToken).ConfigureAwait(false);
        if (best is { } written && await reporter.ReplyRefusedAsync(turnContext, written.Reference, cancellationToken).ConfigureAwait(false) is not null)
        {
            best = null;
        }

        if (responder is not null)
        {
            var owned = await cases.ListAsync(new CaseFilter(Owner: responder), cancellationToken).ConfigureAwait(false);
            if (await LatestWrittenToAsync(owned.Where(c => c.Status.IsOpen()), CaseMessage.FromReporter, profile.LeftThreadsAt, cancellationToken).ConfigureAwait(false) is { } toOwner
                && (best is null || toOwner.At > best.Value.At))
            {
                return (toOwner.Reference, true);
            }
        }

        return best is { } found ? (found.Reference, false) : null;
    }

    /// <summary>The case among <paramref name="candidates"/> with the latest message from
    /// <paramref name="from"/> written after <paramref name="since"/>, and when it was written.</summary>
    private async Task<(string Reference, DateTimeOffset At)?> LatestWrittenToAsync(IEnumerable<CaseSummary> candidates, string from, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        (string Reference, DateTimeOffset At)? best = null;
        foreach (var summary in candidates.OrderByDescending(c => c.SubmittedAt ?? c.CreatedAt).Take(MostCasesRead))
        {
            var record = await cases.GetAsync(summary.Reference, cancellationToken).ConfigureAwait(false);
            if (record?.Messages.LastOrDefault(m => m.From == from) is { } latest && (since is null || latest.At > since) && (best is null || latest.At > best.Value.At))
            {
                best = (record.Reference, latest.At);
            }
        }

        return best;
    }

    /// <summary>The command word a message starts with when it goes on after it ("help me with this",
    /// "report him?"), as the command is typed; null otherwise.</summary>
    private string? CommandWordAtStart(string said)
    {
        var first = said.Split([' ', ',', '.', '!', '?', ':'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        foreach (var word in CommandWords)
        {
            if (text.IsWord(first, word))
            {
                return text[word];
            }
        }

        return null;
    }
}
