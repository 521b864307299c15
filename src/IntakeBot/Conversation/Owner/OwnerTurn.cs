using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Owner;

/// <summary>Who is asking: <paramref name="Owner"/> is their roster entry (null when they are not a
/// responder), <paramref name="Actor"/> their AAD object id as Teams gave it. Teams may give none: the
/// verbs that change a case then refuse (<see cref="OwnedCaseGuard"/>), sharing and the card audit it as given.</summary>
public sealed record OwnerTurn(ITurnContext Context, string? Owner, string? Actor)
{
    public Task ReplyAsync(string reply, CancellationToken cancellationToken)
        => Context.SendActivityAsync(MessageFactory.Text(reply), cancellationToken);
}
