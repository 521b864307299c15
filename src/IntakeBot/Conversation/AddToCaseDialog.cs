using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Responders;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>A reporter adds to a report they already submitted: every message goes into the case as
/// it arrives, with its own timestamp; "done" ends and the owner is told (reference only).</summary>
public sealed class AddToCaseDialog(TextCatalog text, CaseDrafts drafts, ICaseStore store, EvidenceIntake evidence, IOptions<CaseLimits> limits) : CollectMessagesDialog(DialogId, text)
{
    public const string DialogId = "add-to-case";

    private const string StateKey = "addition";

    protected override void Start(DialogInstance instance, object? options)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var reference = options as string ?? throw new ArgumentException("Adding to a case is begun with its reference.", nameof(options));
        instance.Write(StateKey, new AdditionState { Reference = reference });
    }

    protected override async Task<bool> TakeAsync(ITurnContext turnContext, DialogInstance instance, string? said, CancellationToken cancellationToken)
    {
        var state = instance.Read<AdditionState>(StateKey);
        if (EvidenceIntake.HasFiles(turnContext.Activity))
        {
            if (await KeptForNewerVersionAsync(turnContext, state.Reference, await store.GetAsync(state.Reference, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var replies = await evidence.TakeAsync(turnContext, ConversationTurn.Of(turnContext).Transcript, state.Reference, cancellationToken).ConfigureAwait(false);
            instance.Write(StateKey, state with { Added = state.Added + replies.Count });
            await turnContext.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r)), Replies.WithChoices(Text.Format(TextKey.AdditionNoted, state.Reference), Text[TextKey.ChoiceDone])], cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (IsControlWord(said) || (string.IsNullOrEmpty(said) && turnContext.Activity.Value is not null))
        {
            // A command word or a press on an earlier card is not part of the addition: it is never
            // stored, and the person is told what happens to what they send here.
            await turnContext.SendActivityAsync(MessageFactory.Text(Text.Format(TextKey.AdditionExplained, state.Reference)), cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (string.IsNullOrEmpty(said))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(Text[TextKey.NoTextReceived]), cancellationToken).ConfigureAwait(false);
            return false;
        }

        // Checked against the case as stored, so the limit holds across sessions and conversations.
        var current = await store.GetAsync(state.Reference, cancellationToken).ConfigureAwait(false);
        if (await KeptForNewerVersionAsync(turnContext, state.Reference, current, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (current is not null && current.Additions.Count >= limits.Value.AdditionsPerCase)
        {
            await turnContext.SendActivityAsync(Replies.WithChoices(Text.Format(TextKey.AdditionsFull, state.Reference, current.Additions.Count), Text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
            return false;
        }

        // The same words sent again (no reply seemed to come) are kept once.
        if (current is not null && current.Additions.Any(a => string.Equals(a.Text.Trim(), said, StringComparison.Ordinal)))
        {
            await turnContext.SendActivityAsync(Replies.WithChoices(Text.Format(TextKey.AdditionAlreadyThere, state.Reference), Text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
            return false;
        }

        await drafts.AddAsync(turnContext, state.Reference, said, cancellationToken).ConfigureAwait(false);
        instance.Write(StateKey, state with { Added = state.Added + 1 });
        await turnContext.SendActivityAsync(Replies.WithChoices(Text.Format(TextKey.AdditionNoted, state.Reference), Text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
        return false;
    }

    protected override async Task<DialogTurnResult> FinishAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken)
    {
        var state = instance.Read<AdditionState>(StateKey);
        if (state.Added == 0)
        {
            await dc.Context.SendActivityAsync(MessageFactory.Text(Text.Format(TextKey.AdditionEmpty, state.Reference)), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendActivityAsync(MessageFactory.Text(Text.Format(TextKey.AdditionDone, state.Reference)), cancellationToken).ConfigureAwait(false);
        if (await store.GetAsync(state.Reference, cancellationToken).ConfigureAwait(false) is { } record)
        {
            // Shared colleagues get the case file with the additions after this turn's commit, through
            // the same path as an owner's note: anyone the additions name loses access first.
            ConversationTurn.Of(dc.Context).Decide(drafts.Change(dc.Context, record.Reference) with { RefreshSharedFor = record.Owner });
            ConversationTurn.Of(dc.Context).Notify(record.Owner, TextKey.OwnerCaseAddedTo, record.Reference, keepSender: record.SealedReporter is null);
        }

        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True, with the person told, when a newer version wrote the case's status since the
    /// addition began: this version never writes such a case back, so nothing is taken for it.</summary>
    private async Task<bool> KeptForNewerVersionAsync(ITurnContext turnContext, string reference, CaseRecord? current, CancellationToken cancellationToken)
    {
        if (current is not { Status: CaseStatus.Unknown })
        {
            return false;
        }

        await turnContext.SendActivityAsync(Replies.WithChoices(Text.Format(TextKey.ReportFromNewerVersion, reference), Text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool IsControlWord(string? said)
        => new[] { TextKey.ChoiceHelp, TextKey.ChoicePause, TextKey.ChoiceStop, TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoiceMyReports, TextKey.ChoicePrivacy, TextKey.ChoiceSubmit, TextKey.ChoiceSkip }
            .Any(word => Text.IsWord(said, word));

    /// <summary>Asks what to add; for a confidential case, with the notice the intake's evidence step gives,
    /// as files added here are sealed and cleaned the same way.</summary>
    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        var reference = instance.Read<AdditionState>(StateKey).Reference;
        var ask = Text.Format(TextKey.AskAddition, reference);
        if (await store.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { SealedReporter: not null })
        {
            ask = $"{ask}\n\n{Text[TextKey.EvidenceConfidentialNotice]}";
        }

        await turnContext.SendActivityAsync(MessageFactory.Text(ask), cancellationToken).ConfigureAwait(false);
    }

    private sealed record AdditionState
    {
        public string Reference { get; init; } = string.Empty;

        public long Added { get; init; }
    }
}
