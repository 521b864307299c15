namespace IntakeBot.Conversation.Owner;

/// <summary>One of the case owner's verbs. Each answers only its own words and leaves anything else to
/// the next (<see cref="OwnerCommands"/>).</summary>
public interface IOwnerCommand
{
    /// <summary>Answers the message if it is this verb; false when it is not.</summary>
    Task<bool> TryHandleAsync(OwnerTurn turn, string said, CancellationToken cancellationToken);
}
