using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntakeBot.Cases;
using IntakeBot.Conversation.Cards;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>The case owner's commands: cases, case, share, revoke, access, and the retention commands
/// hold, release and deleted. Anyone who does not own the named case (or, for a hold, is not one of
/// <c>Retention:HoldRoles</c>) gets exactly the answer a case that does not exist gets.</summary>
public sealed partial class OwnerCommands(ICaseStore cases, SharingService sharing, CaseDrafts drafts, CaseTransfer transfer, LegalHold legalHold, Tombstones tombstones, RetentionWording retention, DeadlineWording deadlines, TextCatalog text, IOptions<LifecycleOptions> lifecycleOptions, IOptions<CaseLimits> limits)
{
    private const int LatestAuditEntries = 5;

    /// <summary>Below this, a shortened entry says too little to be worth showing.</summary>
    private const int ShortestCut = 60;

    /// <summary>Long enough for any note; a 30,000-character paste is refused with a clear answer.</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>Answers the message if it is an owner command; false when it is not one.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, string said, string? owner, CancellationToken cancellationToken)
    {
        var actor = turnContext.Activity.From.AadObjectId;
        if (text.IsWord(said, TextKey.ChoiceCases))
        {
            await ReplyAsync(turnContext, await ListAsync(owner, await drafts.RecentlySubmittedAsync(turnContext, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (CasePattern().Match(said) is { Success: true } show)
        {
            var record = await sharing.OwnedCaseAsync(owner, show.Groups["ref"].Value, cancellationToken).ConfigureAwait(false);
            if (record is not null)
            {
                await sharing.AuditViewAsync(record, actor, cancellationToken).ConfigureAwait(false);
            }

            await turnContext.SendActivityAsync(record is null ? MessageFactory.Text(await NotOwnedAnswerAsync(owner, show.Groups["ref"].Value, cancellationToken).ConfigureAwait(false)) : await CardAsync(record, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (AccessPattern().Match(said) is { Success: true } access)
        {
            var record = await sharing.OwnedCaseAsync(owner, access.Groups["ref"].Value, cancellationToken).ConfigureAwait(false);
            await ReplyAsync(turnContext, record is null ? await NotOwnedAnswerAsync(owner, access.Groups["ref"].Value, cancellationToken).ConfigureAwait(false) : await sharing.AccessAsync(record, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (SharePattern().Match(said) is { Success: true } share)
        {
            await ReplyAsync(turnContext, await ChangeAsync(share, owner, TextKey.ShareUsage, (record, who) => sharing.ShareAsync(record, actor, who, cancellationToken), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (RevokePattern().Match(said) is { Success: true } revoke)
        {
            await ReplyAsync(turnContext, await ChangeAsync(revoke, owner, TextKey.RevokeUsage, (record, who) => sharing.RevokeAsync(record, actor, who, cancellationToken), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (StatusPattern().Match(said) is { Success: true } status)
        {
            await turnContext.SendActivityAsync(await MoveAsync(turnContext, status, owner, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (TransferPattern().Match(said) is { Success: true } handOver)
        {
            var who = handOver.Groups["who"].Value.Trim();
            await ReplyAsync(turnContext, handOver.Groups["ref"].Length == 0 || who.Length == 0 ? text[TextKey.TransferUsage] : await TransferAsync(turnContext, handOver.Groups["ref"].Value, who, owner, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (NotePattern().Match(said) is { Success: true } note)
        {
            await ReplyAsync(turnContext, await NoteAsync(turnContext, note, owner, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (MessagePattern().Match(said) is { Success: true } message)
        {
            await ReplyAsync(turnContext, await MessageAsync(turnContext, message, owner, actor, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return true;
        }

        return await TryHandleRetentionAsync(turnContext, said, owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>acknowledge</c>, <c>review</c> and <c>close</c> (which asks for confirmation first:
    /// it tells the reporter and starts the retention clock). The reporter of a self-report is told of
    /// the acknowledgement and the closing through the outbox, by reference only.</summary>
    private async Task<IActivity> MoveAsync(ITurnContext turnContext, Match command, string? owner, string? actor, CancellationToken cancellationToken)
    {
        var reference = command.Groups["ref"].Value;
        if (reference.Length == 0)
        {
            return MessageFactory.Text(text[TextKey.StatusUsage]);
        }

        var record = await sharing.OwnedCaseAsync(owner, reference, cancellationToken).ConfigureAwait(false);
        if (record is null || actor is null)
        {
            return MessageFactory.Text(record is null ? await NotOwnedAnswerAsync(owner, reference, cancellationToken).ConfigureAwait(false) : text[TextKey.OwnerCaseNotFound]);
        }

        var target = command.Groups["verb"].Value.ToLowerInvariant() switch
        {
            "acknowledge" => CaseStatus.Acknowledged,
            "review" => CaseStatus.InReview,
            _ => CaseStatus.Closed,
        };
        if (target == CaseStatus.Closed && !command.Groups["confirm"].Success && record.Status != CaseStatus.Closed)
        {
            var kept = record.Hold is null ? retention.ClosedCaseKept() : $"{retention.ClosedCaseKept()} {text.Format(TextKey.CloseConfirmHeld, record.Reference)}";
            return Replies.WithChoices(text.Format(TextKey.CloseConfirm, record.Reference, kept), text.Format(TextKey.ChoiceCloseConfirm, record.Reference));
        }

        // Decided on the case as read, committed with the turn, written to the case after the commit.
        var change = drafts.Change(turnContext, record.Reference) with { Status = target };
        var (outcome, _) = CaseLifecycle.Moved(record, target, actor, change.At);
        if (outcome == LifecycleOutcome.Changed)
        {
            await drafts.DecideAsync(turnContext, change, cancellationToken).ConfigureAwait(false);
        }

        // Going straight to review still tells the reporter their report was received.
        if (outcome == LifecycleOutcome.Changed && record.Reporter is { } reporter && (target != CaseStatus.InReview || record.Status == CaseStatus.Submitted))
        {
            OwnerNotifier.NotifyReporter(turnContext, reporter.AadObjectId, target == CaseStatus.Closed ? TextKey.ReporterCaseClosed : TextKey.ReporterCaseAcknowledged, record.Reference);
        }

        return MessageFactory.Text(outcome switch
        {
            LifecycleOutcome.Changed => text.Format(TextKey.StatusChanged, record.Reference, StatusWord(target)),
            LifecycleOutcome.Already => text.Format(TextKey.StatusAlready, record.Reference, StatusWord(record.Status)),
            LifecycleOutcome.Closed => text.Format(TextKey.StatusClosedAlready, record.Reference),
            _ => text[TextKey.OwnerCaseNotFound],
        });
    }

    /// <summary><c>transfer IR-… to &lt;who&gt;</c>: decided on the case as read, committed with the turn,
    /// written to the case after the commit; the new owner, and the reporter of a self-report (as who reads
    /// it changes), are told through the outbox, by reference only.</summary>
    private async Task<string> TransferAsync(ITurnContext turnContext, string reference, string who, string? owner, CancellationToken cancellationToken)
    {
        if (await NewerVersionCaseAsync(reference, record => IsOwner(record, owner), cancellationToken).ConfigureAwait(false) is { } newer)
        {
            return text.Format(TextKey.OwnerCaseFromNewerVersion, newer.Reference);
        }

        var decision = await transfer.DecideAsync(turnContext, owner, reference, who, cancellationToken).ConfigureAwait(false);
        if (decision is { Reference: { } handed, From: { } from, To: { } to })
        {
            await drafts.DecideAsync(turnContext, drafts.Change(turnContext, handed) with { TransferFrom = from, TransferTo = to }, cancellationToken).ConfigureAwait(false);
            OwnerNotifier.Notify(turnContext, to, TextKey.OwnerCaseTransferred, handed);
            if (decision.Reporter is { } reporter)
            {
                OwnerNotifier.NotifyReporter(turnContext, reporter, TextKey.ReporterCaseTransferred, handed);
            }
        }

        return decision.Answer;
    }

    private async Task<string> NoteAsync(ITurnContext turnContext, Match command, string? owner, string? actor, CancellationToken cancellationToken)
    {
        var reference = command.Groups["ref"].Value;
        var note = command.Groups["text"].Value.Trim();
        if (reference.Length == 0 || note.Length == 0)
        {
            return text[TextKey.NoteUsage];
        }

        var record = await sharing.OwnedCaseAsync(owner, reference, cancellationToken).ConfigureAwait(false);
        if (record is null || actor is null)
        {
            return record is null ? await NotOwnedAnswerAsync(owner, reference, cancellationToken).ConfigureAwait(false) : text[TextKey.OwnerCaseNotFound];
        }

        if (note.Length > MaxNoteLength)
        {
            return text.Format(TextKey.NoteTooLong, MaxNoteLength);
        }

        // Checked against the case as stored; a note decided by another turn at the same moment may
        // still go in after it (one over the limit), since a note already confirmed is never dropped.
        if (record.Notes.Count >= limits.Value.NotesPerCase)
        {
            return text.Format(TextKey.NotesFull, record.Reference, record.Notes.Count);
        }

        await drafts.DecideAsync(turnContext, drafts.Change(turnContext, record.Reference) with { Note = note, RefreshSharedFor = record.Owner }, cancellationToken).ConfigureAwait(false);
        return text.Format(TextKey.NoteDone, record.Reference);
    }

    /// <summary><c>message IR-… text</c>: kept in the case's thread and transcript, audited without its
    /// words, counted as feedback, and announced to the reporter through the outbox by reference only.
    /// When the reporter asked not to be contacted, nothing is sent until the owner adds <c>confirm</c>.</summary>
    private async Task<string> MessageAsync(ITurnContext turnContext, Match command, string? owner, string? actor, CancellationToken cancellationToken)
    {
        var reference = command.Groups["ref"].Value;
        var message = command.Groups["text"].Value.Trim();
        if (reference.Length == 0 || message.Length == 0)
        {
            return text[TextKey.MessageUsage];
        }

        var record = await sharing.OwnedCaseAsync(owner, reference, cancellationToken).ConfigureAwait(false);
        if (record is null || actor is null)
        {
            return record is null ? await NotOwnedAnswerAsync(owner, reference, cancellationToken).ConfigureAwait(false) : text[TextKey.OwnerCaseNotFound];
        }

        if (record.Status == CaseStatus.Closed)
        {
            return text.Format(TextKey.MessageClosed, record.Reference);
        }

        if (record.Reporter is not { } reporter)
        {
            return text.Format(TextKey.MessageNoReporter, record.Reference);
        }

        if (message.Length > lifecycleOptions.Value.MaxMessageLength)
        {
            return text.Format(TextKey.FollowUpMessageTooLong, lifecycleOptions.Value.MaxMessageLength);
        }

        if (record.Messages.Count >= limits.Value.MessagesPerCase)
        {
            return text.Format(TextKey.MessageThreadFull, record.Reference, record.Messages.Count);
        }

        if (!command.Groups["confirm"].Success && record.Answers.NoContact)
        {
            return text.Format(TextKey.MessageNoContact, record.Reference);
        }

        if (!record.Status.IsSubmitted())
        {
            return text[TextKey.OwnerCaseNotFound];
        }

        // The thread, the feedback deadline and the audit are written after the commit, from the state.
        await drafts.DecideAsync(turnContext, drafts.Change(turnContext, record.Reference) with { OwnerMessage = message, RefreshSharedFor = record.Owner }, cancellationToken).ConfigureAwait(false);
        TurnTranscript.Of(turnContext)?.CaseReference = record.Reference;
        OwnerNotifier.NotifyReporter(turnContext, reporter.AadObjectId, TextKey.ReporterNewMessage, record.Reference);
        return text.Format(TextKey.MessageSent, record.Reference);
    }

    /// <summary>A status as owners read it.</summary>
    private string StatusWord(CaseStatus status) => text[status switch
    {
        CaseStatus.Acknowledged => TextKey.StatusAcknowledged,
        CaseStatus.InReview => TextKey.StatusInReview,
        CaseStatus.Closed => TextKey.StatusClosed,
        _ => TextKey.StatusSubmitted,
    }];

    /// <summary><c>hold</c>, <c>release</c> and <c>deleted</c>. These reach beyond the roster: a person in
    /// <c>Retention:HoldRoles</c> may hold a case they do not own, so the owner check is LegalHold's.</summary>
    private async Task<bool> TryHandleRetentionAsync(ITurnContext turnContext, string said, string? owner, CancellationToken cancellationToken)
    {
        var actor = turnContext.Activity.From.AadObjectId;
        if (HoldPattern().Match(said) is not { Success: true } command || actor is null)
        {
            return false;
        }

        var verb = command.Groups["verb"].Value.ToLowerInvariant();
        var reference = command.Groups["ref"].Value.Trim().ToUpperInvariant();

        // A hold is written to case.json, which this version must not write back over a newer one's status.
        if (verb is "hold" or "release" && await NewerVersionCaseAsync(reference, record => legalHold.MayHold(record, actor, owner), cancellationToken).ConfigureAwait(false) is { } newer)
        {
            await ReplyAsync(turnContext, text.Format(TextKey.OwnerCaseFromNewerVersion, newer.Reference), cancellationToken).ConfigureAwait(false);
            return true;
        }

        var reply = (verb, reference.Length) switch
        {
            ("hold", 0) => text[TextKey.HoldUsage],
            ("release", 0) => text[TextKey.ReleaseUsage],
            (_, 0) => text[TextKey.DeletedUsage],
            ("hold", _) => Held(await legalHold.HoldAsync(reference, actor, owner, cancellationToken).ConfigureAwait(false), reference),
            ("release", _) => Held(await legalHold.ReleaseAsync(reference, actor, owner, cancellationToken).ConfigureAwait(false), reference),
            _ => await tombstones.FindForOwnerAsync(reference, actor, owner, cancellationToken).ConfigureAwait(false) is { } tombstone
                ? retention.Deleted(tombstone)
                : text[TextKey.DeletedNotFound],
        };
        await ReplyAsync(turnContext, reply, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The answer for a named case that <see cref="SharingService.OwnedCaseAsync"/> did not give:
    /// the owner's own case whose status a newer version wrote is said to be kept as it is (this version
    /// never writes it back: <see cref="CaseStatus.Unknown"/>); anything else, another person's case among
    /// them, gets the answer for a case that does not exist.</summary>
    private async Task<string> NotOwnedAnswerAsync(string? owner, string reference, CancellationToken cancellationToken)
        => await NewerVersionCaseAsync(reference, record => IsOwner(record, owner), cancellationToken).ConfigureAwait(false) is { } newer
            ? text.Format(TextKey.OwnerCaseFromNewerVersion, newer.Reference)
            : text[TextKey.OwnerCaseNotFound];

    /// <summary>The case named <paramref name="reference"/> when a newer version wrote its status and
    /// this person may act on it; null otherwise.</summary>
    private async Task<CaseRecord?> NewerVersionCaseAsync(string reference, Func<CaseRecord, bool> mayAct, CancellationToken cancellationToken)
    {
        var normalized = reference.Trim().ToUpperInvariant();
        return CaseReference.IsValid(normalized) && await cases.GetAsync(normalized, cancellationToken).ConfigureAwait(false) is { Status: CaseStatus.Unknown } record && mayAct(record)
            ? record
            : null;
    }

    private static bool IsOwner(CaseRecord record, string? owner) => owner is not null && string.Equals(record.Owner, owner, StringComparison.OrdinalIgnoreCase);

    private async Task<string> ChangeAsync(Match command, string? owner, TextKey usage, Func<CaseRecord, string, Task<string>> change, CancellationToken cancellationToken)
    {
        var reference = command.Groups["ref"].Value;
        var who = command.Groups["who"].Value.Trim();
        if (reference.Length == 0 || !command.Groups["word"].Success || who.Length == 0)
        {
            return text[usage];
        }

        var record = await sharing.OwnedCaseAsync(owner, reference, cancellationToken).ConfigureAwait(false);
        return record is null ? await NotOwnedAnswerAsync(owner, reference, cancellationToken).ConfigureAwait(false) : await change(record, who).ConfigureAwait(false);
    }

    /// <summary>The owner's cases; <paramref name="recent"/> (reports this responder saved a moment ago)
    /// are read too, since the index may not find them yet.</summary>
    private async Task<string> ListAsync(string? owner, IReadOnlyList<string> recent, CancellationToken cancellationToken)
    {
        var owned = owner is null ? [] : (await cases.ListAsync(new CaseFilter(Owner: owner, Recent: recent), cancellationToken).ConfigureAwait(false))
            .Where(c => c.Status.IsSubmitted())
            .OrderByDescending(c => c.SafetyConcern && c.Status.IsOpen())
            .ThenByDescending(c => c.SubmittedAt)
            .ToList();
        return owned.Count == 0
            ? text[TextKey.CasesEmpty]
            : text.Format(TextKey.CasesList, string.Join('\n', owned.Select(c => text.Format(c.SafetyConcern && c.Status.IsOpen() ? TextKey.CasesLineSafetyConcern : TextKey.CasesLine, c.Reference, c.Kind.ToStoredNameOrUnknown(), Times.UtcDate(c.SubmittedAt ?? c.CreatedAt), StatusWord(c.Status), c.AccessCount, deadlines.Line(c)))));
    }

    /// <summary>The case as the owner's case card (<see cref="CaseCard"/>): a request not to be contacted
    /// first, its answers and evidence, who can read it, the latest changes and audit entries (this view
    /// among them), and the owner's actions. What people typed is shown as plain text.</summary>
    private async Task<Activity> CardAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var audit = await cases.ReadAuditAsync(record.Reference, cancellationToken).ConfigureAwait(false);

        // However much the case holds, the card fits in one Teams message: long answers and entries are
        // cut shorter until it does, and only the latest entries of each list are shown.
        for (var limit = ReviewCard.MaxAnswerChars; ; limit /= 2)
        {
            var card = CaseCard.Create(text, CardContent(record, audit, limit));
            if (AdaptiveCardJson.MessageBytes(card) <= AdaptiveCardJson.MaxMessageBytes || limit <= ShortestCut)
            {
                return card;
            }
        }
    }

    private CaseCardContent CardContent(CaseRecord record, IReadOnlyList<AuditEntry> audit, int limit)
    {
        var flow = record.Kind == CaseKind.TakenByResponder ? TakeReportDialog.Flow : ReportDialog.Flow;
        var answers = AsPlainText(record.Answers);
        var evidence = record.Evidence.Select(e => e.Message is { } message ? MessageQuote.ForCard(text, message) : text.Format(TextKey.EvidenceLine, PlainText.Escape(e.SafeName), Sizes.Format(text, e.Size))).ToList();
        var parts = flow.Sections.Select(s => new CardPart(s.Id, text[s.Title], s.Input == SectionInput.Evidence ? evidence : s.Shown(answers, text))).ToList();
        var access = record.Access.Count == 0 ? text[record.Reporter is null ? TextKey.CaseCardAccessNone : TextKey.CaseCardAccessNoneReporter] : text.Format(TextKey.CaseCardAccess, string.Join(", ", record.Access.Select(g => PlainText.Escape(g.DisplayName ?? g.Email))));
        var lines = new List<string>();
        if (record.StatusHistory.Count > 0)
        {
            lines.Add(text.Format(TextKey.CaseCardStatusHistory, Latest(record.StatusHistory.Select(c => $"{Times.UtcDate(c.At)}: {StatusWord(c.Status)}").ToList(), limit)));
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
            text.Format(TextKey.CaseCardFacts, record.Kind.ToStoredNameOrUnknown(), StatusWord(record.Status), Times.UtcDate(record.CreatedAt)),
            record.Answers.NoContact,
            record.SafetyConcern,
            parts,
            access,
            [.. record.Access.Select(g => new CardReader(g.DisplayName ?? g.Email, g.Email))],
            lines);
    }

    /// <summary>The latest entries of a list, each cut to <paramref name="limit"/> characters, after a line
    /// saying how many earlier ones are left off.</summary>
    private string Latest(IReadOnlyList<string> entries, int limit)
    {
        var shown = entries.TakeLast(ReviewCard.MaxLines).Select(e => Replies.Shortened(e, limit));
        return string.Join('\n', entries.Count > ReviewCard.MaxLines ? shown.Prepend(text.Format(TextKey.CardEarlierItems, entries.Count - ReviewCard.MaxLines)) : shown);
    }

    /// <summary>A copy of the answers with every string escaped, whatever sections the flows have.</summary>
    internal static IntakeAnswers AsPlainText(IntakeAnswers answers)
    {
        var node = JsonSerializer.SerializeToNode(answers)!;
        Escape(node);
        return node.Deserialize<IntakeAnswers>()!;

        static void Escape(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o.ToList())
                    {
                        if (value is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            o[key] = PlainText.Escape(s);
                        }
                        else if (value is not null)
                        {
                            Escape(value);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            a[i] = PlainText.Escape(s);
                        }
                        else if (a[i] is { } child)
                        {
                            Escape(child);
                        }
                    }

                    break;
            }
        }
    }

    private static Task ReplyAsync(ITurnContext turnContext, string reply, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(MessageFactory.Text(reply), cancellationToken);

    [GeneratedRegex(@"^case\s+(?<ref>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CasePattern();

    [GeneratedRegex(@"^access\s+(?<ref>\S+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccessPattern();

    [GeneratedRegex(@"^share(\s+(?<ref>\S+))?(\s+(?<word>with)\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex SharePattern();

    [GeneratedRegex(@"^revoke(\s+(?<ref>\S+))?(\s+(?<word>from)\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RevokePattern();

    [GeneratedRegex(@"^(?<verb>acknowledge|review|close)(\s+(?<ref>\S+))?(\s+(?<confirm>confirm))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"^transfer(\s+(?<ref>\S+))?(\s+to\b(?<who>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TransferPattern();

    [GeneratedRegex(@"^note(\s+(?<ref>\S+))?(\s+(?<text>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex NotePattern();

    [GeneratedRegex(@"^message(\s+(?<ref>\S+))?(\s+(?<confirm>confirm)\b)?(\s+(?<text>.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex MessagePattern();

    [GeneratedRegex(@"^(?<verb>hold|release|deleted)(\s+(?<ref>\S+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HoldPattern();
}
