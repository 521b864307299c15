using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation.Owner;

/// <summary><c>case IR-…</c>: the case as the owner's case card (<see cref="CaseCard"/>): a request not
/// to be contacted first, its answers and evidence, who can read it, the latest changes and audit entries
/// (this view among them), and the owner's actions. What people typed is shown as plain text.</summary>
public sealed class CaseCardCommand(OwnedCaseGuard guard, ICaseStore cases, CaseQueries queries, SharingService sharing, RetentionWording retention, IdentitySeal seal, IOptions<IdentityOptions> identityOptions, WorkspaceLink workspace, TextCatalog text, TimeProvider clock) : IOwnerCommand
{
    private const int LatestAuditEntries = 5;

    /// <summary>Below this, a shortened entry says too little to be worth showing.</summary>
    private const int ShortestCut = 60;

    public async Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken)
    {
        if (text.Commands.Read(said, TextKey.VerbCase) is not { HasReference: true, Ends: true } command)
        {
            return false;
        }

        var owned = await guard.ReadAsync(turn, command.Reference, actorRequired: false, cancellationToken).ConfigureAwait(false);
        if (!owned.Allowed)
        {
            await turn.ReplyAsync(owned.Refusal, cancellationToken).ConfigureAwait(false);
            return true;
        }

        await sharing.AuditViewAsync(owned.Case, turn.Actor!, cancellationToken).ConfigureAwait(false);
        var identity = await IdentityLinesAsync(owned.Case, turn.Actor, cancellationToken).ConfigureAwait(false);
        await turn.Context.SendActivityAsync(await CardAsync(owned.Case, identity, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Who reported a confidential case, as far as this reader may know it: the name the reporter
    /// revealed (to every owner), the state of the latest identity request with its reason and, for the one
    /// who asked and only once the notice period after the reporter's message about the approval was
    /// delivered has passed, the identity opened from the seal here.</summary>
    private async Task<List<string>> IdentityLinesAsync(CaseRecord record, string? actor, CancellationToken cancellationToken)
    {
        if (record.SealedReporter is not { } sealedReporter)
        {
            return [];
        }

        if (record.RevealedReporter is { } revealed)
        {
            return [text.Format(TextKey.CaseCardRevealed, PlainText.Escape(revealed.Name ?? revealed.AadObjectId))];
        }

        if (record.IdentityRequests?.LastOrDefault() is not { } request)
        {
            return [];
        }

        if (request.Decision is not { } decision)
        {
            return [text.Format(TextKey.CaseCardIdentityRequestPending, Times.Utc(request.At))];
        }

        if (!decision.Approved)
        {
            return [text.Format(TextKey.CaseCardIdentityRequestRefused, PlainText.Escape(decision.Reason))];
        }

        if (decision.ReporterUnreachableAt is not null)
        {
            return [text.Format(TextKey.CaseCardIdentityApprovedUnreachable, PlainText.Escape(decision.Reason), record.Reference)];
        }

        if (decision.ShownFrom() is not { } showFrom)
        {
            return [text.Format(TextKey.CaseCardIdentityApprovedNotTold, PlainText.Escape(decision.Reason), NoticePeriod.Format(text, identityOptions.Value.NoticeHours))];
        }

        if (!string.Equals(actor, request.By, StringComparison.OrdinalIgnoreCase) || clock.GetUtcNow() < showFrom)
        {
            return [text.Format(TextKey.CaseCardIdentityRequestApproved, PlainText.Escape(decision.Reason), Times.Utc(showFrom))];
        }

        var identity = await seal.UnsealAsync(record.Reference, sealedReporter, cancellationToken).ConfigureAwait(false);
        return [text.Format(TextKey.CaseCardIdentityShown, PlainText.Escape(identity.Name ?? identity.AadObjectId))];
    }

    private async Task<Activity> CardAsync(CaseRecord record, List<string> identity, CancellationToken cancellationToken)
    {
        var audit = await cases.ReadAuditAsync(record.Reference, cancellationToken).ConfigureAwait(false);

        // A follow-on is begun only from a closed case and goes to its owner, so the owner's own cases
        // are where a closed case's follow-ons are.
        IReadOnlyList<string> followedBy = record.Status == CaseStatus.Closed
            ? [.. (await queries.OwnedAsync(record.Owner, [], cancellationToken).ConfigureAwait(false)).Where(c => c.FollowsOn == record.Reference).Select(c => c.Reference)]
            : [];

        // However much the case holds, the card fits in one Teams message: long answers and entries are
        // cut shorter until it does, and only the latest entries of each list are shown.
        for (var limit = ReviewCard.MaxAnswerChars; ; limit /= 2)
        {
            var card = CaseCard.Create(text, CardContent(record, audit, followedBy, limit, identity));
            if (AdaptiveCardJson.MessageBytes(card) <= AdaptiveCardJson.MaxMessageBytes || limit <= ShortestCut)
            {
                return card;
            }
        }
    }

    private CaseCardContent CardContent(CaseRecord record, IReadOnlyList<AuditEntry> audit, IReadOnlyList<string> followedBy, int limit, List<string> identity)
    {
        var flow = record.Kind == CaseKind.TakenByResponder ? TakeReportDialog.Flow : record.FollowsOn is null ? ReportDialog.Flow : FollowOnDialog.Flow;
        var answers = PlainAnswers.Of(record.Answers);
        var evidence = record.Evidence.Select(e => e.Message is { } message ? MessageQuote.ForCard(text, message) : text.Format(e.Withheld ? TextKey.EvidenceLineWithheld : TextKey.EvidenceLine, PlainText.Escape(e.SafeName), Sizes.Format(text, e.Size))).ToList();
        var parts = flow.Sections.Select(s => new CardPart(s.Id, text[s.Title], s.Input == SectionInput.Evidence ? evidence : s.Shown(answers, text))).ToList();
        var access = record.Access.Count == 0 ? text[record.Reporter is null ? TextKey.CaseCardAccessNone : TextKey.CaseCardAccessNoneReporter] : text.Format(TextKey.CaseCardAccess, string.Join(", ", record.Access.Select(g => PlainText.Escape(g.DisplayName ?? g.Email))));
        var lines = new List<string>(identity);
        if (record.FollowsOn is { } earlier)
        {
            lines.Add(text.Format(TextKey.CaseCardFollowsOn, earlier));
        }

        if (followedBy.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardFollowedBy, string.Join(", ", followedBy)));
        }

        if (record.StatusHistory.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardStatusHistory, Latest(record.StatusHistory.Select(c => $"{Times.UtcDate(c.At)}: {StatusWords.Of(text, c.Status)}").ToList(), limit)));
        }

        if (record.Notes.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardNotes, Latest([.. record.Notes.Select(n => $"{Times.UtcDate(n.At)}: {PlainText.Escape(n.Text)}")], limit)));
        }

        if (record.Messages.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardMessages, Latest([.. record.Messages.Select(m => text.Format(m.From == CaseMessage.FromOwner ? TextKey.CaseCardMessageFromOwner : TextKey.CaseCardMessageFromReporter, Times.Utc(m.At), PlainText.Escape(m.Text)))], limit)));
        }

        if (retention.CaseLine(record) is { } retentionLine)
        {
            lines.Add(retentionLine);
        }

        if (record.Additions.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardAdditions, Latest([.. record.Additions.Select(a => $"{Times.UtcDate(a.At)}: {PlainText.Escape(a.Text)}")], limit)));
        }

        if (audit.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardAudit, string.Join('\n', audit.TakeLast(LatestAuditEntries).Select(a => PlainText.Escape($"{Times.UtcDate(a.At)} {a.Action.ToStoredNameOrUnknown()} {a.Whom} {a.Result.ToStoredNameOrUnknown()}".Replace("  ", " ", StringComparison.Ordinal))))));
        }

        return new CaseCardContent(
            record.Reference,
            text.Format(TextKey.CaseCardTitle, record.Reference),
            text.Format(TextKey.CaseCardFacts, record.Kind.ToStoredNameOrUnknown(), StatusWords.Of(text, record.Status), Times.UtcDate(record.CreatedAt)),
            record.Answers.NoContact,
            record.SafetyConcern,
            parts,
            access,
            [.. record.Access.Select(g => new CardReader(g.DisplayName ?? g.Email, g.Email))],
            lines,
            workspace.To(record.Reference));
    }

    /// <summary>The latest entries of a list, each cut to <paramref name="limit"/> characters, after a line
    /// saying how many earlier ones are left off.</summary>
    private string Latest(IReadOnlyList<string> entries, int limit)
    {
        var shown = entries.TakeLast(ReviewCard.MaxLines).Select(e => Replies.Shortened(e, limit));
        return string.Join('\n', entries.Count > ReviewCard.MaxLines ? shown.Prepend(text.Format(TextKey.CardEarlierItems, entries.Count - ReviewCard.MaxLines)) : shown);
    }
}
