using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Conversation;

/// <summary>What a reporter can ask outside an intake: their own submitted reports, which of them they
/// may add to, <c>view</c> (one report as submitted, with additions and the messages exchanged, never the
/// owners' notes, audit or access) and <c>reply</c>. Anyone else's case reads as one that does not exist.</summary>
public sealed class ReporterCommands(ICaseStore cases, IdentitySeal seal, CaseQueries queries, CaseLifecycle lifecycle, CaseDrafts drafts, TextCatalog text, IOptions<LifecycleOptions> lifecycleOptions, IOptions<CaseLimits> limits, IOptions<IntakeOptions> intakeOptions, IOptions<IdentityOptions> identityOptions, TimeProvider clock)
{
    /// <summary>The Reply button's choice on the <c>view</c> card; it asks for the reply (<see cref="ReplyDialog"/>).</summary>
    public const string ReplyChoice = "reply";

    /// <summary>Below this, a shortened entry says too little to be worth showing.</summary>
    private const int ShortestCut = 60;

    /// <summary>Whether the person may add to <paramref name="reference"/> now: null when it is their own
    /// open case, else the answer that says why not (the same for another person's case, no such case and
    /// not a reference at all).</summary>
    public async Task<string?> AddToRefusedAsync(ITurnContext turnContext, string reference, CancellationToken cancellationToken)
        => await OwnCaseAsync(turnContext, reference, cancellationToken).ConfigureAwait(false) switch
        {
            { Status: CaseStatus.Unknown } newer => text.Format(TextKey.ReportFromNewerVersion, newer.Reference),
            { } record when record.Status.IsOpen() => null,
            { Status: CaseStatus.Closed } closed => text.Format(TextKey.AddToClosed, closed.Reference),
            _ => text[TextKey.CaseNotFound],
        };

    /// <summary><c>again IR-…</c>: how a follow-on of the reporter's own closed case begins (its owner and
    /// identity choice kept), or the answer that says why not: an open case is added to instead; anyone
    /// else's case reads as one that does not exist. Without a reference, the reporter's closed cases are
    /// offered.</summary>
    public async Task<(IntakeStart? Start, IActivity? Refused)> FollowOnAsync(ITurnContext turnContext, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (reference.Length == 0)
        {
            // "it happened again" names no case: their closed ones are offered, newest first.
            var recent = await drafts.RecentlySubmittedAsync(turnContext, cancellationToken).ConfigureAwait(false);
            var closed = (await queries.ReportedAsync(turnContext.Activity.From.AadObjectId, recent, cancellationToken).ConfigureAwait(false)).Where(c => c.Status == CaseStatus.Closed);
            return (null, Replies.WithChoices(text[TextKey.FollowOnUsage], closed.Take(3).Select(c => text.Format(TextKey.ChoiceAgain, c.Reference))));
        }

        return await OwnCaseAsync(turnContext, reference, cancellationToken).ConfigureAwait(false) switch
        {
            null => (null, MessageFactory.Text(text[TextKey.CaseNotFound])),
            { Status: CaseStatus.Unknown } newer => (null, MessageFactory.Text(text.Format(TextKey.ReportFromNewerVersion, newer.Reference))),
            { Status: CaseStatus.Closed } closed => (new IntakeStart(closed.Owner, FollowsOn: closed.Reference, Identity: closed.Identity ?? IdentityChoice.Named), null),
            var open => (null, Replies.WithChoices(text.Format(TextKey.FollowOnStillOpen, open.Reference), text.Format(TextKey.ChoiceAddTo, open.Reference))),
        };
    }

    /// <summary>The references of the person's own closed cases, newest first, at most
    /// <paramref name="most"/>: what a follow-on can be linked to.</summary>
    public async Task<IReadOnlyList<string>> ClosedCasesAsync(ITurnContext turnContext, int most, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var recent = await drafts.RecentlySubmittedAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var mine = await queries.ReportedAsync(turnContext.Activity.From.AadObjectId, recent, cancellationToken).ConfigureAwait(false);
        return [.. mine.Where(c => c.Status == CaseStatus.Closed).Take(most).Select(c => c.Reference)];
    }

    /// <summary>Answers <c>view</c> and <c>reply</c>; false when the message is neither.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, string said, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (text.Commands.Read(said, TextKey.VerbView) is { Ends: true } view)
        {
            await turnContext.SendActivityAsync(await ViewAsync(turnContext, view.Reference, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (text.Commands.Read(said, TextKey.VerbReply) is { } reply && ReplyPromptFor(said) is null)
        {
            await turnContext.SendActivityAsync(await TypedReplyAsync(turnContext, reply, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (text.Commands.Read(said, TextKey.VerbReveal) is { } reveal)
        {
            await turnContext.SendActivityAsync(await RevealAsync(turnContext, reveal, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary><c>reveal IR-…</c>: asks first; <c>reveal IR-… yes</c> shows the reporter's name to the
    /// case's owners from then on (written after the commit, audited under the pseudonym), and the owner
    /// is told, by reference only. Only the reporter of their own confidential case can do it.</summary>
    private async Task<IMessageActivity> RevealAsync(ITurnContext turnContext, TypedCommand command, CancellationToken cancellationToken)
    {
        if (!command.HasReference)
        {
            return MessageFactory.Text(text[TextKey.RevealUsage]);
        }

        var record = await OwnCaseAsync(turnContext, command.Reference, cancellationToken).ConfigureAwait(false);
        switch (record)
        {
            case null:
                return MessageFactory.Text(text[TextKey.CaseNotFound]);
            case { Status: CaseStatus.Unknown }:
                return MessageFactory.Text(text.Format(TextKey.ReportFromNewerVersion, record.Reference));
            case { SealedReporter: null }:
                return MessageFactory.Text(text.Format(TextKey.RevealNotConfidential, record.Reference));
            case { RevealedReporter: not null }:
                return MessageFactory.Text(text.Format(TextKey.RevealAlready, record.Reference));
        }

        if (command.Ends || text.Commands.After(command.Rest, TextKey.VerbRevealYes) is not { Length: 0 })
        {
            return Replies.WithChoices(text.Format(TextKey.RevealAsk, record.Reference), text.Format(TextKey.ChoiceRevealYes, record.Reference), text.Format(TextKey.ChoiceView, record.Reference));
        }

        var from = turnContext.Activity.From;
        ConversationTurn.Of(turnContext).Decide(drafts.Change(turnContext, record.Reference) with { Reveal = new Reporter(from.Id, from.AadObjectId, from.Name) });
        ConversationTurn.Of(turnContext).Transcript.CaseReference = record.Reference;
        ConversationTurn.Of(turnContext).Notify(record.Owner, TextKey.OwnerIdentityRevealed, record.Reference, keepSender: false);
        return MessageFactory.Text(text.Format(TextKey.RevealDone, record.Reference));
    }

    public async Task ShowMyReportsAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var recent = await drafts.RecentlySubmittedAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var mine = await queries.ReportedAsync(turnContext.Activity.From.AadObjectId, recent, cancellationToken).ConfigureAwait(false);
        if (mine.Count == 0)
        {
            await turnContext.SendActivityAsync(Replies.WithChoices(text[TextKey.MyReportsEmpty], text[TextKey.ChoiceReport]), cancellationToken).ConfigureAwait(false);
            return;
        }

        var lines = mine.Select(c => text.Format(TextKey.MyReportsLine, c.Reference, Times.UtcDate(c.SubmittedAt ?? c.CreatedAt), ReporterStatus(c.Status))
            + (c.HasUnreadForReporter ? text.Format(TextKey.MyReportsUnread, c.Reference) : string.Empty));
        var choices = mine.Where(c => c.HasUnreadForReporter).Select(c => text.Format(TextKey.ChoiceView, c.Reference))
            .Concat(mine.Where(c => c.Status.IsOpen()).Select(c => text.Format(TextKey.ChoiceAddTo, c.Reference)))
            .Take(3);
        await turnContext.SendActivityAsync(
            Replies.WithChoices(text.Format(TextKey.MyReportsHeader, string.Join('\n', lines)), choices),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reporter's own report as they sent it, what they added, and the messages both ways;
    /// reading it marks the owner's messages read.</summary>
    private async Task<IActivity> ViewAsync(ITurnContext turnContext, string reference, CancellationToken cancellationToken)
    {
        if (reference.Length == 0)
        {
            return MessageFactory.Text(text[TextKey.ViewUsage]);
        }

        var record = await OwnCaseAsync(turnContext, reference, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return MessageFactory.Text(text[TextKey.CaseNotFound]);
        }

        if (record.Status == CaseStatus.Unknown)
        {
            return MessageFactory.Text(text.Format(TextKey.ReportFromNewerVersion, record.Reference));
        }

        await lifecycle.MarkReadByReporterAsync(record.Reference, cancellationToken).ConfigureAwait(false);
        for (var limit = ReviewCard.MaxAnswerChars; ; limit /= 2)
        {
            var card = Card(record, limit);
            if (AdaptiveCardJson.MessageBytes(card) <= AdaptiveCardJson.MaxMessageBytes || limit <= ShortestCut)
            {
                return card;
            }
        }
    }

    private Activity Card(CaseRecord record, int limit)
    {
        var evidence = record.Evidence.Select(e => e with { SafeName = PlainText.Escape(e.SafeName) }).ToList();
        var card = Replies.Card(text, text.Format(TextKey.ViewTitle, record.Reference), text.Format(TextKey.ViewFacts, Times.UtcDate(record.SubmittedAt ?? record.CreatedAt), ReporterStatus(record.Status)), ReportDialog.Flow.Sections, PlainAnswers.Of(record.Answers), evidence, limit);
        // The reporter is not the only reader: say who else is, as the privacy notice does.
        var lines = new List<string> { text.Format(TextKey.ViewWhoReads, intakeOptions.Value.OwnerRole) };
        if (record.Additions.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardAdditions, Latest([.. record.Additions.Select(a => $"{Times.Utc(a.At)}: {PlainText.Escape(a.Text)}")], limit)));
        }

        if (record.IdentityRequests?.LastOrDefault() is { Decision: { Approved: true } decision } && record.RevealedReporter is null)
        {
            lines.Add(IdentityRequestLine(decision));
        }

        if (record.Messages.Count > 0)
        {
            lines.Add(text.Format(TextKey.ViewMessages, Latest([.. record.Messages.Select(m => text.Format(m.From == CaseMessage.FromOwner ? TextKey.ViewMessageFromOwner : TextKey.ViewMessageFromYou, Times.Utc(m.At), PlainText.Escape(m.Text)))], limit)));
            if (record.Status.IsOpen() && record.Messages.Any(m => m.From == CaseMessage.FromOwner))
            {
                lines.Add(text.Format(TextKey.ViewReplyHint, record.Reference));
                ((JObject)card.Attachments[0].Content)["actions"] = new JArray { AdaptiveCardJson.Submit(text[TextKey.ChoiceReply], ReplyChoice, reference: record.Reference) };
            }
        }

        if (record.Status == CaseStatus.Closed)
        {
            lines.Add(text.Format(TextKey.FollowOnOffer, record.Reference));
        }

        card.Text = string.Join("\n\n", lines);
        return card;
    }

    /// <summary>Where the approved request about who they are stands, as the requester's card says it: the
    /// notice period runs from the delivery of the bot's message to them about it, not from this view.</summary>
    private string IdentityRequestLine(IdentityDecision decision)
    {
        var reason = PlainText.Escape(decision.Reason);
        return decision.ReporterUnreachableAt is not null
            ? text.Format(TextKey.ViewIdentityApprovedUnreachable, reason)
            : decision.ShownFrom() is { } showFrom
                ? text.Format(TextKey.ViewIdentityRequestApproved, reason, Times.Utc(showFrom))
                : text.Format(TextKey.ViewIdentityApprovedNotTold, reason, NoticePeriod.Format(text, identityOptions.Value.NoticeHours));
    }

    /// <summary>Whether the person may reply on <paramref name="reference"/> now: null when they may, else
    /// the answer that says why not (the same as for a case that does not exist when it is not theirs).</summary>
    public async Task<string?> ReplyRefusedAsync(ITurnContext turnContext, string reference, CancellationToken cancellationToken)
        => Refused(await OwnCaseAsync(turnContext, reference, cancellationToken).ConfigureAwait(false));

    /// <summary>A reply to the owner's messages, typed after <c>reply IR-…</c> or after the Reply button:
    /// only on the reporter's own open case, and only once the owner has written. It is decided here and
    /// committed with the turn; the thread gets it after the commit (<see cref="CaseChanges"/>), then a
    /// shared case file is refreshed (anyone the reply names loses access first), and the owner is told
    /// there is a reply, by reference only, through the outbox. A reply the thread already holds from
    /// them (sent again when no answer seemed to come) is kept once, and they are told it is there.
    /// <paramref name="inThread"/> says it came as a plain message, so the answer says where it went and
    /// that their next messages go there too. <c>Done</c> is false only when the reply was too long, so
    /// that a shorter one can follow.</summary>
    public async Task<(IMessageActivity Answer, bool Done)> ReplyAsync(ITurnContext turnContext, string reference, string message, bool inThread, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(message);
        var record = await OwnCaseAsync(turnContext, reference, cancellationToken).ConfigureAwait(false);
        if (Refused(record) is { } refused)
        {
            return (MessageFactory.Text(refused), true);
        }

        var max = lifecycleOptions.Value.MaxMessageLength;
        if (message.Length > max)
        {
            return (MessageFactory.Text(text.Format(TextKey.ReplyTooLong, max)), false);
        }

        // Both directions count: the thread is one list in case.json.
        if (record!.Messages.Count >= limits.Value.MessagesPerCase)
        {
            return (ThreadFull(record), true);
        }

        if (record!.Messages.Any(m => m.From == CaseMessage.FromReporter && string.Equals(m.Text.Trim(), message.Trim(), StringComparison.Ordinal)))
        {
            return (MessageFactory.Text(text.Format(TextKey.ReplyAlreadyThere, record.Reference)), true);
        }

        ConversationTurn.Of(turnContext).Decide(drafts.Change(turnContext, record.Reference) with { ReporterReply = message, ReplyAfterClose = record.Status == CaseStatus.Closed, RefreshSharedFor = record.Owner });
        ConversationTurn.Of(turnContext).Transcript.CaseReference = record.Reference;
        ConversationTurn.Of(turnContext).Notify(record.Owner, TextKey.OwnerReporterReplied, record.Reference, keepSender: record.SealedReporter is null);
        return (MessageFactory.Text(text.Format(inThread ? TextKey.ReplySentInThread : TextKey.ReplySent, record.Reference)), true);
    }

    /// <summary>A reply the full thread cannot take was not kept: the answer says so, and offers the way
    /// that is still open on this (open: see <see cref="Refused"/>) case. With room for additions it
    /// takes it with <c>add to</c> (<see cref="AddToCaseDialog"/>); without, a new report is left.</summary>
    private Activity ThreadFull(CaseRecord record)
    {
        var view = text.Format(TextKey.ChoiceView, record.Reference);
        return record.Additions.Count < limits.Value.AdditionsPerCase
            ? Replies.WithChoices(text.Format(TextKey.ReplyThreadFull, record.Reference, record.Messages.Count), text.Format(TextKey.ChoiceAddTo, record.Reference), view)
            : Replies.WithChoices(text.Format(TextKey.ReplyThreadFullNoAdditions, record.Reference, record.Messages.Count, record.Additions.Count), text[TextKey.ChoiceReport], view);
    }

    /// <summary>The reference in <c>reply IR-…</c> typed with no reply after it, which asks for the reply
    /// (as the Reply button does); null for anything else.</summary>
    public string? ReplyPromptFor(string? said)
        => text.Commands.Read(said, TextKey.VerbReply) is { HasReference: true, Rest.Length: 0 } reply ? reply.Reference : null;

    /// <summary><c>reply IR-… text</c> typed in one message; <c>reply IR-…</c> alone is answered by
    /// <see cref="RootDialog"/>, which asks for the reply.</summary>
    private async Task<IMessageActivity> TypedReplyAsync(ITurnContext turnContext, TypedCommand command, CancellationToken cancellationToken)
    {
        var reference = command.Reference;
        var message = command.Rest;
        return reference.Length == 0 || message.Length == 0
            ? MessageFactory.Text(text[TextKey.ReplyUsage])
            : (await ReplyAsync(turnContext, reference, message, inThread: false, cancellationToken).ConfigureAwait(false)).Answer;
    }

    private string? Refused(CaseRecord? record) => record switch
    {
        null => text[TextKey.CaseNotFound],
        { Status: CaseStatus.Unknown } => text.Format(TextKey.ReportFromNewerVersion, record.Reference),
        { Status: CaseStatus.Closed } => InClosedReplyWindow(record) ? null : text.Format(TextKey.ReplyClosed, record.Reference),
        _ when !record.Messages.Any(m => m.From == CaseMessage.FromOwner) => text.Format(TextKey.ReplyNothingYet, record.Reference),
        _ => null,
    };

    /// <summary>Whether a closed case still takes the reporter's messages: for
    /// <c>Lifecycle:ClosedReplyWindow</c> after it was closed.</summary>
    private bool InClosedReplyWindow(CaseRecord record)
        => record.ClosedAt is { } closed && clock.GetUtcNow() < closed + lifecycleOptions.Value.ClosedReplies();

    /// <summary>The person's own submitted case (any status, or one a newer version wrote and this one
    /// reads as <see cref="CaseStatus.Unknown"/>: each caller says it is kept unchanged), or null.</summary>
    private async Task<CaseRecord?> OwnCaseAsync(ITurnContext turnContext, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var normalized = reference.Trim().ToUpperInvariant();
        var record = CaseReference.IsValid(normalized) ? await cases.GetAsync(normalized, cancellationToken).ConfigureAwait(false) : null;
        return record is not null && (record.Status.IsSubmitted() || record.Status == CaseStatus.Unknown) && seal.IsReportedBy(record, turnContext.Activity.From.AadObjectId)
            ? record
            : null;
    }

    /// <summary>The latest entries of a list, each cut to <paramref name="limit"/> characters.</summary>
    private string Latest(IReadOnlyList<string> entries, int limit)
    {
        var shown = entries.TakeLast(ReviewCard.MaxLines).Select(e => Replies.Shortened(e, limit));
        return string.Join('\n', entries.Count > ReviewCard.MaxLines ? shown.Prepend(text.Format(TextKey.CardEarlierItems, entries.Count - ReviewCard.MaxLines)) : shown);
    }

    /// <summary>A status as the reporter reads it: whether someone has it, not what anyone decided.</summary>
    private string ReporterStatus(CaseStatus status) => text[status switch
    {
        CaseStatus.Closed => TextKey.MyReportsStatusClosed,
        CaseStatus.Acknowledged or CaseStatus.InReview => TextKey.MyReportsStatusBeingLookedAt,
        _ => TextKey.MyReportsStatusReceived,
    }];
}
