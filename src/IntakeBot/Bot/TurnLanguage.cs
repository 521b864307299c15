using IntakeBot.Conversation;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Bot;

/// <summary>Starts every turn in the language of its activity: Teams sends the user's locale with
/// each activity (<c>locale</c>, and <c>entities[type=clientInfo].locale</c>), and a proactive turn
/// carries the one stored with the conversation reference. A conversation that already has a language
/// switches to it as soon as its profile is read (<see cref="IntakeActivityHandler"/>).</summary>
public sealed class TurnLanguage(TextCatalog text) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        using var scope = ReaderLanguage.Begin(Of(turnContext.Activity));
        // Registered before the commit holds and records the replies: what it keeps is what was shown.
        turnContext.OnSendActivities((_, activities, nextSend) =>
        {
            var written = ConversationTurn.Of(turnContext).AsWritten;
            foreach (var activity in activities.Where(a => !written.Contains(a)))
            {
                InReadersLanguage(activity);
            }

            return nextSend();
        });
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ConversationTurn.Of(turnContext).EndedInLanguage = ReaderLanguage.Current;
        }
    }

    /// <summary>Writes again, in the reader's language, what a reply says in another of the catalog's
    /// languages: a question kept in a dialog's state since before the person chose another language
    /// (its text, its buttons, its card).</summary>
    private void InReadersLanguage(Activity activity)
    {
        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }

        if (activity.Text is { } said)
        {
            activity.Text = text.Translate(said);
        }

        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            var title = action.Title;
            action.Title = title is null ? null : text.Translate(title);
            if (action.Value is string value && value == title)
            {
                action.Value = action.Title;
            }
        }

        foreach (var card in (activity.Attachments ?? []).Select(a => a.Content).OfType<JObject>())
        {
            foreach (var words in card.Descendants().OfType<JProperty>().Where(p => p.Name is "text" or "title" or "fallbackText" && p.Value.Type == JTokenType.String).ToList())
            {
                words.Value = text.Translate(words.Value.Value<string>()!);
            }
        }
    }

    /// <summary>The catalog language of an activity's locale; English when it has none the catalog speaks.</summary>
    public string Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var clientInfo = activity.Entities?.FirstOrDefault(e => e.Type == "clientInfo")?.Properties?.Value<string>("locale");
        return text.LanguageOf(activity.Locale) ?? text.LanguageOf(clientInfo) ?? ReaderLanguage.English;
    }
}
