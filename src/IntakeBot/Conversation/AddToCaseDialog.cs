using IntakeBot.Cases;
using IntakeBot.Dialogs;
using IntakeBot.Evidence;
using IntakeBot.Responders;
using IntakeBot.Sharing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>A reporter adds to a report they already submitted: every message goes into the case as
/// it arrives, with its own timestamp; "done" ends and the owner is told (reference only).</summary>
public sealed class AddToCaseDialog(TextCatalog text, CaseDrafts drafts, ICaseStore store, EvidenceIntake evidence, SharingService sharing, IOptions<CaseLimits> limits) : Dialog(DialogId)
{
    public const string DialogId = "add-to-case";

    private const string StateKey = "addition";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var reference = options as string ?? throw new ArgumentException("Adding to a case is begun with its reference.", nameof(options));
        dc.ActiveDialog!.Write(StateKey, new AdditionState { Reference = reference });
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var state = instance.Read<AdditionState>(StateKey);
        if (EvidenceIntake.HasFiles(dc.Context.Activity))
        {
            var replies = await evidence.TakeAsync(dc.Context, state.Reference, cancellationToken).ConfigureAwait(false);
            instance.Write(StateKey, state with { Added = state.Added + replies.Count });
            await dc.Context.SendActivitiesAsync([.. replies.Select(r => (IActivity)MessageFactory.Text(r)), Replies.WithChoices(text.Format(TextKey.AdditionNoted, state.Reference), text[TextKey.ChoiceDone])], cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        var said = dc.Context.Activity.Text?.Trim();
        if (IsControlWord(said) || (string.IsNullOrEmpty(said) && dc.Context.Activity.Value is not null))
        {
            // A command word or a press on an earlier card is not part of the addition: it is never
            // stored, and the person is told what happens to what they send here.
            await dc.Context.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.AdditionExplained, state.Reference)), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (string.IsNullOrEmpty(said))
        {
            await dc.Context.SendActivityAsync(MessageFactory.Text(text[TextKey.NoTextReceived]), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (text.IsWord(said, TextKey.ChoiceDone))
        {
            if (state.Added == 0)
            {
                await dc.Context.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.AdditionEmpty, state.Reference)), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
            }

            await dc.Context.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.AdditionDone, state.Reference)), cancellationToken).ConfigureAwait(false);
            var withheld = await sharing.RefreshIfSharedAsync(state.Reference, dc.Context.Activity.From.AadObjectId, cancellationToken).ConfigureAwait(false);
            if (await store.GetAsync(state.Reference, cancellationToken).ConfigureAwait(false) is { } record)
            {
                OwnerNotifier.Notify(dc.Context, record.Owner, TextKey.OwnerCaseAddedTo, record.Reference);
                if (withheld)
                {
                    OwnerNotifier.Notify(dc.Context, record.Owner, TextKey.OwnerAccessWithheld, record.Reference);
                }
            }

            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        // Checked against the case as stored, so the limit holds across sessions and conversations.
        if (await store.GetAsync(state.Reference, cancellationToken).ConfigureAwait(false) is { } current && current.Additions.Count >= limits.Value.AdditionsPerCase)
        {
            await dc.Context.SendActivityAsync(Replies.WithChoices(text.Format(TextKey.AdditionsFull, state.Reference, current.Additions.Count), text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        await drafts.AddAsync(dc.Context, state.Reference, said, cancellationToken).ConfigureAwait(false);
        instance.Write(StateKey, state with { Added = state.Added + 1 });
        await dc.Context.SendActivityAsync(Replies.WithChoices(text.Format(TextKey.AdditionNoted, state.Reference), text[TextKey.ChoiceDone]), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private bool IsControlWord(string? said)
        => new[] { TextKey.ChoiceHelp, TextKey.ChoicePause, TextKey.ChoiceStop, TextKey.ChoiceReport, TextKey.ChoiceTakeReport, TextKey.ChoiceMyReports, TextKey.ChoicePrivacy, TextKey.ChoiceSubmit, TextKey.ChoiceSkip }
            .Any(word => text.IsWord(said, word));

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
        => turnContext.SendActivityAsync(MessageFactory.Text(text.Format(TextKey.AskAddition, instance.Read<AdditionState>(StateKey).Reference)), cancellationToken);

    private sealed record AdditionState
    {
        public string Reference { get; init; } = string.Empty;

        public long Added { get; init; }
    }
}
