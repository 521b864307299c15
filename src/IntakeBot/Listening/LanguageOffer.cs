using IntakeBot.Conversation;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Listening;

/// <summary>Someone who writes a few words in another of the catalog's languages than the
/// conversation's (<see cref="LanguageGuess"/>, never on one word) is asked, in that language, whether
/// to carry on in it, with two suggested actions; once per conversation and language, whatever they
/// answer. The message itself goes where it would have gone (the account keeps it, a question is
/// answered), so nothing waits on the answer and nothing is lost.</summary>
public sealed class LanguageOffer(TextCatalog text, LanguageChoice choice)
{
    /// <summary>Notes that this turn's message was written in <paramref name="writtenIn"/>; the offer is
    /// made after the turn's other replies (<see cref="AskAsync"/>), unless it was made before.</summary>
    public static void Notice(ITurnContext turn, ConversationProfile profile, string? writtenIn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(profile);
        if (writtenIn is not null && writtenIn != profile.Language && !profile.LanguagesOffered.Contains(writtenIn))
        {
            ConversationTurn.Of(turn).WrittenInOtherLanguage = writtenIn;
        }
    }

    /// <summary>True when this message answered the offer, and was answered: the conversation goes on
    /// in the offered language, or as before. Anything else is the step's, and the offer is not made again.</summary>
    public async Task<bool> TryAnswerAsync(DialogContext dc, ConversationProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.LanguageOffered is not { } offered)
        {
            return false;
        }

        profile.LanguageOffered = null;
        var said = dc.Context.Activity.Text;

        // The offer comes after a question the person may be answering: while a step waits, a bare
        // "yes" or "no" is the step's, and only the offer's own buttons (or the language's name) answer it.
        var waiting = dc.ActiveDialog is not null;
        bool Is(TextKey button) => waiting
            ? text.InEveryLanguage(button).Any(b => string.Equals(b, said?.Trim(), StringComparison.OrdinalIgnoreCase))
            : text.IsWordInAnyLanguage(said, button);
        if (Is(TextKey.ChoiceSwitchLanguage) || text.LanguageNamed(said) == offered)
        {
            await choice.SwitchAsync(dc, profile, offered, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!Is(TextKey.ChoiceKeepLanguage))
        {
            return false;
        }

        await dc.Context.SendActivityAsync(MessageFactory.Text(text[TextKey.LanguageKept]), cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Asks, last of the turn's replies so that its two buttons show, in the language noticed.</summary>
    public async Task AskAsync(ITurnContext turn, ConversationProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(profile);
        if (ConversationTurn.Of(turn).WrittenInOtherLanguage is not { } language || profile.LanguagesOffered.Contains(language))
        {
            return;
        }

        profile.LanguagesOffered.Add(language);
        profile.LanguageOffered = language;
        var words = text.In(language);
        var offer = Replies.WithChoices(words[TextKey.LanguageOffer], words[TextKey.ChoiceSwitchLanguage], words[TextKey.ChoiceKeepLanguage]);
        offer.Locale = language;
        ConversationTurn.Of(turn).AsWritten.Add(offer);
        await turn.SendActivityAsync(offer, cancellationToken).ConfigureAwait(false);
    }
}
