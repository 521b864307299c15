using System.Text.RegularExpressions;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Conversation.Intake;
using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Listening;

/// <summary>The one place every free-text message passes before any dialog takes it (called by the
/// activity handler, whatever is running): it is read for what the person means and answered for it.
/// Danger gets help first (possible danger a shorter safety check with the same contacts), and the
/// message still goes where it belongs; a question about the process
/// is answered and kept in the report only if the person says so; second thoughts get the choice to
/// pause or delete; a feeling is acknowledged and the message is still the step's.</summary>
public sealed partial class ListenFirst(
    Listener listener,
    LanguageGuess guess,
    ConversationStateAccessors state,
    CaseDrafts drafts,
    ICaseStore cases,
    TextCatalog text,
    IOptions<IntakeOptions> options,
    IOptions<LifecycleOptions> lifecycle,
    IOptions<IdentityOptions> identity,
    RetentionPeriods retention,
    ReplyThreads threads,
    IdentitySeal seal)
{
    private static readonly TextKey[] CatalogWords = [.. Enum.GetValues<TextKey>().Where(k => k.ToString().StartsWith("Choice", StringComparison.Ordinal))];

    private static readonly Dictionary<string, TextKey[]> Acknowledgements = new(StringComparer.Ordinal)
    {
        ["Scared"] = [TextKey.FeelingScared1, TextKey.FeelingScared2],
        ["Humiliated"] = [TextKey.FeelingHumiliated1, TextKey.FeelingHumiliated2],
        ["Exhausted"] = [TextKey.FeelingExhausted1, TextKey.FeelingExhausted2],
        ["Angry"] = [TextKey.FeelingAngry1, TextKey.FeelingAngry2],
        ["Upset"] = [TextKey.FeelingUpset1, TextKey.FeelingUpset2],
    };

    /// <summary>A question the lexicon knows only by its form, with no topic: answered where a report is
    /// being told or none is under way; a reply to the owner or an addition takes it as written.</summary>
    private const string OtherQuestion = "Other";

    private readonly IntakeOptions _options = options.Value;

    /// <summary>Reads the turn's message and answers what it means. True when the message was
    /// answered in full here (a question, second thoughts, or danger kept at a step that takes no
    /// account); false when the dialogs take it next, as they would have without the listener.</summary>
    public async Task<bool> HandleAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var turn = dc.Context;
        var said = turn.Activity.Text?.Trim();
        var where = Locate(dc);
        var draft = await state.GetDraftAsync(turn, cancellationToken).ConfigureAwait(false);
        var profile = await state.GetProfileAsync(turn, cancellationToken).ConfigureAwait(false);
        if (where.Intake is not null && profile.SafetyConcernBeforeReport)
        {
            draft.SafetyConcern = true;
            profile.SafetyConcernBeforeReport = false;
        }

        if (draft.HeldQuestion is { } held)
        {
            draft.HeldQuestion = null;
            if (await KeepOrNotAsync(dc, where, draft, held, said, cancellationToken).ConfigureAwait(false) is { } handled)
            {
                return handled;
            }
        }

        if (string.IsNullOrEmpty(said))
        {
            return false;
        }

        var place = where.Intake == TakeReportDialog.DialogId ? ListeningPlace.NotesOfSomeoneElse : ListeningPlace.OwnWords;
        if (CaseReferenceIn().Match(said) is { Success: true } named)
        {
            // A command naming a case carries words of its own ("reply IR-… he's outside"): danger in
            // them gets help first all the same, the case is flagged when it is the person's own, and the
            // command goes on as typed.
            var inOther = OtherLanguageOf(said);
            if (listener.Hear(said, place, ReaderLanguage.Current, inOther) is { IsUrgent: true } urgent)
            {
                await HelpFirstAsync(dc, new Where(null, where.Leaf, false, named.Value.ToUpperInvariant()), draft, profile, urgent, said, inOther, cancellationToken, named: true).ConfigureAwait(false);
            }

            return false;
        }

        if (IsCatalogWord(said))
        {
            return false;
        }

        // Written in another of the lexicons' languages: read in it too, helped in it, and offered it.
        var writtenIn = OtherLanguageOf(said);
        var heard = listener.Hear(said, place, ReaderLanguage.Current, writtenIn);
        if (place == ListeningPlace.OwnWords && heard.Meaning is not (Meaning.Question or Meaning.SecondThoughts))
        {
            // A question or second thoughts are answered with buttons of their own, which the offer would hide.
            LanguageOffer.Notice(turn, profile, writtenIn);
        }

        if (heard.Again && where.Intake is null && where.SubmittedCase is null)
        {
            // Where a new report would start with it, the root offers a follow-on to a closed case instead.
            ConversationTurn.Of(turn).SaysItHappenedAgain = true;
        }

        if (draft.StopAsked && !heard.OffersHelp)
        {
            // The person was just asked whether to pause or delete: the intake reads the answer.
            return false;
        }

        return heard.Meaning switch
        {
            Meaning.SelfHarm or Meaning.Danger or Meaning.Threat or Meaning.PossibleDanger => await HelpFirstAsync(dc, where, draft, profile, heard, said, writtenIn, cancellationToken).ConfigureAwait(false),
            Meaning.Question when heard.Detail == OtherQuestion && (where.SubmittedCase is not null || where.Leaf == AccountOfferDialog.DialogId || IsBareQuestion(said)) => false,
            Meaning.Question => await AnswerAsync(dc, where, draft, heard, said, cancellationToken).ConfigureAwait(false),
            Meaning.SecondThoughts => await SecondThoughtsAsync(dc, where, draft, cancellationToken).ConfigureAwait(false),
            Meaning.Feeling => await AcknowledgeAsync(turn, profile, heard, cancellationToken).ConfigureAwait(false),
            _ => false,
        };
    }

    /// <summary>"what?", "huh?", "sorry what": too short to be a question about the process; it is
    /// left to the step, which asks its question again (with buttons after a second miss).</summary>
    private static bool IsBareQuestion(string said)
        => said.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length < 3;

    /// <summary>Help before anything else; the case is flagged; the message is still kept where it
    /// belongs: the account step, an addition or a reply takes it as usual, and at any other step of
    /// an intake it joins the account at once and the step's question is asked again. Possible danger
    /// (one strong sign alone) gets a shorter safety check with the same contacts and is kept the same
    /// way, but flags nothing: the owner's list puts first what the person said was danger.</summary>
    private async Task<bool> HelpFirstAsync(DialogContext dc, Where where, IntakeDraft draft, ConversationProfile profile, Heard heard, string said, string? writtenIn, CancellationToken cancellationToken, bool named = false)
    {
        var turn = dc.Context;
        var sure = heard.IsUrgent;
        if (where.AtSafetyWait)
        {
            // The intake is already waiting after the urgent-help contact: it keeps the message and says it again.
            draft.SafetyConcern |= sure;
            return false;
        }

        // In the language the message was written in, when that is another: help the person can read.
        using (ReaderLanguage.Begin(writtenIn ?? ReaderLanguage.Current))
        {
            var selfHarm = heard.Meaning == Meaning.SelfHarm || heard.Detail == nameof(Meaning.SelfHarm);
            var help = (sure, selfHarm) switch
            {
                (true, true) => text.Format(TextKey.CrisisHelpNow, _options.CrisisHelp, _options.UrgentHelp),
                (true, false) => text.Format(TextKey.UrgentHelpNow, _options.UrgentHelp),
                (false, true) => text.Format(TextKey.SafetyCheckCrisis, _options.CrisisHelp, _options.UrgentHelp),
                (false, false) => text.Format(TextKey.SafetyCheck, _options.UrgentHelp),
            };
            await turn.SendActivitiesAsync([MessageFactory.Text(help), .. SupportLine()], cancellationToken).ConfigureAwait(false);
        }

        if (where.Intake is { } intake)
        {
            draft.SafetyConcern |= sure;
            if (where.Leaf?.StartsWith("account:", StringComparison.Ordinal) == true)
            {
                return false;
            }

            draft.Paused = false;
            var flow = intake == TakeReportDialog.DialogId ? TakeReportDialog.Flow : ReportDialog.Flow;
            var account = flow.Sections.First(s => s.Input == SectionInput.Account);
            draft.Answers = account.WithTextAdded(draft.Answers, said);
            await turn.SendActivityAsync(MessageFactory.Text(text[intake == TakeReportDialog.DialogId ? TextKey.ListenKeptInNotes : TextKey.ListenKeptInAccount]), cancellationToken).ConfigureAwait(false);
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!sure)
        {
            return false;
        }

        // An addition or a reply names its case (typed with a command, only the person's own case is
        // flagged); a plain message goes to the thread that is live, if one is.
        var reference = where.SubmittedCase ?? await threads.ReporterThreadAsync(turn, cancellationToken).ConfigureAwait(false);
        if (reference is not null && await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) is { } record
            && (!named || seal.IsReportedBy(record, turn.Activity.From?.AadObjectId)))
        {
            var change = drafts.Change(turn, reference);
            ConversationTurn.Of(turn).Decide(change with { ActivityId = null, SafetyConcern = true, UrgentAcknowledgeBy = change.At + lifecycle.Value.Periods().UrgentAcknowledgement });
            if (!record.SafetyConcern)
            {
                ConversationTurn.Of(turn).Notify(record.Owner, TextKey.OwnerSafetyConcernRaised, reference, keepSender: record.SealedReporter is null);
            }
        }
        else if (!named)
        {
            profile.SafetyConcernBeforeReport = true;
        }

        return false;
    }

    /// <summary>The honest answer to a process question, built from the configuration; where there is
    /// a report to keep it in, the person chooses whether the question goes into it.</summary>
    private async Task<bool> AnswerAsync(DialogContext dc, Where where, IntakeDraft draft, Heard heard, string said, CancellationToken cancellationToken)
    {
        var answer = Answer(heard.Detail);
        if (where.Intake is not null || where.SubmittedCase is not null)
        {
            draft.HeldQuestion = said;
            await dc.Context.SendActivityAsync(Replies.WithChoices($"{answer}\n\n{text[TextKey.QuestionKeepOffer]}", text[TextKey.ChoiceKeepQuestion], text[TextKey.ChoiceJustTheAnswer]), cancellationToken).ConfigureAwait(false);
            return true;
        }

        await dc.Context.SendActivityAsync(Replies.WithChoices(answer, text[TextKey.ChoiceReport], text[TextKey.ChoiceHelp]), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The answer to "keep it in my report?": kept in the account (or given to the step that
    /// takes it), or not; null when the message is something else, which drops the question.</summary>
    private async Task<bool?> KeepOrNotAsync(DialogContext dc, Where where, IntakeDraft draft, string held, string? said, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (text.IsWord(said, TextKey.ChoiceJustTheAnswer))
        {
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.QuestionNotKept]), cancellationToken).ConfigureAwait(false);
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!text.IsWord(said, TextKey.ChoiceKeepQuestion))
        {
            return null;
        }

        if (where.Intake is { } intake && where.Leaf?.StartsWith("account:", StringComparison.Ordinal) != true)
        {
            var flow = intake == TakeReportDialog.DialogId ? TakeReportDialog.Flow : ReportDialog.Flow;
            var account = flow.Sections.First(s => s.Input == SectionInput.Account);
            draft.Answers = account.WithTextAdded(draft.Answers, held);
            await turn.SendActivityAsync(MessageFactory.Text(text[TextKey.QuestionKept]), cancellationToken).ConfigureAwait(false);
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        // The step that takes text (the account, an addition, a reply) takes the question as if it had
        // just been sent, and answers it as it answers any message.
        turn.Activity.Text = held;
        return false;
    }

    /// <summary>Never "that's kept": in a report, the choice to pause it or delete it (the intake's own
    /// stop question, which it answers); outside one, nothing goes on.</summary>
    private async Task<bool> SecondThoughtsAsync(DialogContext dc, Where where, IntakeDraft draft, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (where.Intake is not null)
        {
            draft.StopAsked = true;
            draft.Paused = false;
            Choice[] choices = [new(nameof(TextKey.ChoiceKeepPaused), text[TextKey.ChoiceKeepPaused]), new(nameof(TextKey.ChoiceDeleteDraft), text[TextKey.ChoiceDeleteDraft])];
            await turn.SendActivityAsync(ChoiceMessage.Create(text, text.Format(TextKey.SecondThoughtsOffer, Durations.Format(text, retention.Draft)), choices), cancellationToken).ConfigureAwait(false);
            return true;
        }

        await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        var answer = where.SubmittedCase is null
            ? text[TextKey.SecondThoughtsNoReport]
            : text.Format(TextKey.SecondThoughtsSubmitted, _options.OwnerRole, _options.FaqUrl);
        await turn.SendActivityAsync(MessageFactory.Text(answer), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Says the feeling was heard, in words that vary; the message is still the step's.</summary>
    private async Task<bool> AcknowledgeAsync(ITurnContext turn, ConversationProfile profile, Heard heard, CancellationToken cancellationToken)
    {
        if (heard.Detail is { } feeling && Acknowledgements.TryGetValue(feeling, out var keys))
        {
            await turn.SendActivityAsync(MessageFactory.Text(text[keys[profile.FeelingsAcknowledged++ % keys.Length]]), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private string Answer(string? topic)
    {
        var owner = _options.OwnerRole;
        var faq = _options.FaqUrl;
        return topic switch
        {
            "WhoSees" => text.Format(TextKey.QuestionWhoSees, owner, faq),
            "FindOut" => text.Format(TextKey.QuestionFindOut, owner, faq),
            "Anonymous" => text.Format(identity.Value.Confidential ? TextKey.QuestionAnonymousConfidential : TextKey.QuestionAnonymous, owner, faq),
            "Consequences" => text.Format(TextKey.QuestionConsequences, owner, faq),
            "Trouble" => text.Format(TextKey.QuestionTrouble, owner, faq),
            "WhatNext" => text.Format(TextKey.QuestionWhatNext, owner, Durations.Format(text, lifecycle.Value.Periods().AcknowledgeWithin), faq),
            "Retention" => PrivacyText.Notice(text, new RetentionFacts(retention.Draft, retention.ClosedCase, retention.Backup), owner, faq),
            "Delete" => text.Format(TextKey.QuestionDelete, owner, Durations.Format(text, retention.ClosedCase), faq),
            "Reading" => text.Format(TextKey.QuestionReading, owner, _options.UrgentHelp),
            "Received" => text.Format(TextKey.QuestionReceived, Durations.Format(text, retention.Draft)),
            _ => text.Format(TextKey.QuestionOther, faq),
        };
    }

    private IEnumerable<IActivity> SupportLine()
        => string.IsNullOrWhiteSpace(_options.SupportResource) ? [] : [MessageFactory.Text(text.Format(TextKey.SupportLine, _options.SupportResource))];

    /// <summary>A word of the catalog (a button's words typed, a synonym, "no", "not sure", a
    /// greeting): the dialogs read those, as they always have.</summary>
    private bool IsCatalogWord(string said)
        => text.IsNothing(said) || text.IsDontKnow(said) || text.IsGreeting(said)
            || CatalogWords.Any(word => text.IsWord(said, word));

    /// <summary>The other of the lexicons' languages <paramref name="said"/> is written in, if any.</summary>
    private string? OtherLanguageOf(string said)
        => guess.Of(said) is { } seen && seen != ReaderLanguage.Current ? seen : null;

    /// <summary>Where the message arrives: which intake runs, the dialog at the end of the stack, and
    /// the submitted case an addition or a reply is going to.</summary>
    private static Where Locate(DialogContext dc)
    {
        // Down the dialogs at the top of each stack to the one that reads the message; the others on
        // those stacks (such as the wait after the urgent-help contact under its question) count too.
        var path = new List<DialogInstance>();
        var stacked = new List<DialogInstance>(dc.Stack);
        for (var instance = dc.ActiveDialog; instance is not null;)
        {
            path.Add(instance);
            var inner = instance.State.TryGetValue("dialogs", out var token) && token is JObject ? instance.Read<DialogState>("dialogs").DialogStack : [];
            stacked.AddRange(inner);
            instance = inner.FirstOrDefault();
        }

        var reference = path.Select(d => d.Id switch
        {
            AddToCaseDialog.DialogId or ReplyDialog.DialogId => (d.State.Properties().Select(p => p.Value).OfType<JObject>().Select(o => o.Value<string>("Reference") ?? o.Value<string>("reference")).FirstOrDefault(r => r is not null)),
            _ => null,
        }).FirstOrDefault(r => r is not null);
        return new Where(RootDialog.RunningIntake(dc), path.LastOrDefault()?.Id, stacked.Any(d => d.Id == SafetyWaitDialog.DialogId), reference);
    }

    [GeneratedRegex(@"\bIR-[0-9A-Z]{4,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CaseReferenceIn();

    private sealed record Where(string? Intake, string? Leaf, bool AtSafetyWait, string? SubmittedCase);
}
