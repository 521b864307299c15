using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Owner;

/// <summary>The case owner's commands, one class a verb (<see cref="IOwnerCommand"/>), tried in the order
/// <see cref="ConversationServiceCollectionExtensions.AddConversation"/> registers them. Anyone who does
/// not own the named case (or, for a hold, is not one of <c>Retention:HoldRoles</c>) gets exactly the
/// answer a case that does not exist gets (<see cref="OwnedCaseGuard"/>).</summary>
public sealed class OwnerCommands(IEnumerable<IOwnerCommand> commands)
{
    private readonly IOwnerCommand[] _commands = [.. commands];

    /// <summary>Answers the message if it is an owner command; false when it is not one.
    /// <paramref name="owner"/> is the caller's roster entry, null when they are not a responder.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, string said, string? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var turn = new OwnerTurn(turnContext, owner, turnContext.Activity.From.AadObjectId);
        foreach (var command in _commands)
        {
            if (await command.TryHandleAsync(turn, said, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }
}
