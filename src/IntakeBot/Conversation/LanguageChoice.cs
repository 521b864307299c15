using IntakeBot.Conversation.Cards;
using IntakeBot.Dialogs;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation;

/// <summary>Which language the conversation is in. The first message's locale chooses it; "language",
/// in any of the catalog's languages ("Sprache", "langue", "idioma"), shows a card of the languages,
/// and "language" with a language's name ("Sprache Deutsch", "language es") switches at once. Handled
/// before the dialogs, which never see these turns: a report under way keeps everything and its
/// question is asked again in the new language.</summary>
public sealed class LanguageChoice(TextCatalog text)
{
    private const string IdPrefix = "language-";

    /// <summary>Sets the turn's language from the conversation's, choosing it on the first message.</summary>
    public static void Begin(ConversationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Language ??= ReaderLanguage.Current;
        ReaderLanguage.Switch(profile.Language);
    }

    /// <summary>True when this message was about the language, and answered.</summary>
    public async Task<bool> TryAnswerAsync(DialogContext dc, ConversationProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(profile);
        var activity = dc.Context.Activity;
        var choosing = profile.ChoosingLanguage;
        profile.ChoosingLanguage = false;
        if (Chosen(activity.Text, activity.Value, choosing) is { } language)
        {
            await SwitchAsync(dc, profile, language, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!text.IsWordInAnyLanguage(activity.Text, TextKey.ChoiceLanguage))
        {
            return false;
        }

        profile.ChoosingLanguage = true;
        await dc.Context.SendActivityAsync(ChoiceMessage.Create(text, text[TextKey.AskLanguage], Choices()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Goes on in <paramref name="language"/> from this turn on, says so, and asks the running
    /// dialog's question again in it.</summary>
    public async Task SwitchAsync(DialogContext dc, ConversationProfile profile, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(profile);
        profile.Language = language;
        // The stored conversation reference of a responder carries their language: saved again.
        profile.RosterVersion = null;
        ReaderLanguage.Switch(language);
        await dc.Context.SendActivityAsync(MessageFactory.Text(text[TextKey.LanguageSwitched]), cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private string? Chosen(string? said, object? value, bool choosing)
    {
        if (choosing && ChoiceMatcher.Match(CardSubmission.Read(value), Choices()) is { } pressed)
        {
            return pressed.Id[IdPrefix.Length..];
        }

        if (choosing && (text.LanguageNamed(said) ?? ChoiceMatcher.Match(text, said, Choices())?.Id[IdPrefix.Length..]) is { } typed)
        {
            return typed;
        }

        // "Sprache Deutsch", "language: es": the word and a name, at any time.
        var words = said?.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        return words is [var word, var name] && text.IsWordInAnyLanguage(word, TextKey.ChoiceLanguage) ? text.LanguageNamed(name) : null;
    }

    /// <summary>Each language under its own name, so that someone who cannot read the conversation's
    /// language still finds theirs.</summary>
    private List<Choice> Choices()
        => [.. text.Languages.Select(l => new Choice(IdPrefix + l, text.In(l)[TextKey.LanguageName]))];
}
