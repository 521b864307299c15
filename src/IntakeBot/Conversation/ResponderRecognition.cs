using IntakeBot.Responders;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>Whether the person is on the roster, checked once a conversation (and again when the
/// roster changes); a responder's conversation is remembered so that they can be notified.</summary>
public sealed class ResponderRecognition(ConversationStateAccessors state, ResponderRoster roster, ResponderDirectory directory, IOptions<IntakeOptions> options)
{
    private readonly string _rosterVersion = string.Join('\n', options.Value.Responders.Select(ResponderRoster.Normalize).Order(StringComparer.Ordinal));

    /// <summary>The person's roster entry, or null when they are not a responder.</summary>
    public async Task<string?> RecognizeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await state.GetProfileAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (profile.RosterVersion == _rosterVersion)
        {
            return profile.RosterEntry;
        }

        profile.RosterEntry = await roster.MatchAsync(turnContext, cancellationToken).ConfigureAwait(false);
        profile.RosterVersion = _rosterVersion;
        if (profile.RosterEntry is { } entry)
        {
            // Kept with the person's language, so that what the bot later tells them unprompted is in it.
            var reference = turnContext.Activity.GetConversationReference();
            reference.Locale = Text.ReaderLanguage.Current;
            await directory.SaveAsync(entry, reference, cancellationToken).ConfigureAwait(false);
        }

        return profile.RosterEntry;
    }
}
