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
    /// <summary>The turn's language when it ended, for the error reply sent after it.</summary>
    public const string Ended = "IntakeBot.TurnLanguage";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        using var scope = ReaderLanguage.Begin(Of(turnContext.Activity));
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turnContext.TurnState[Ended] = ReaderLanguage.Current;
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
