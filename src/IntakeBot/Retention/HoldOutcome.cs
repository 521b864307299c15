namespace IntakeBot.Retention;

public enum HoldOutcome
{
    Held,
    AlreadyHeld,
    Released,
    NotHeld,

    /// <summary>The case's owner asked to release a hold one of <c>Retention:HoldRoles</c> put on: it stays.</summary>
    HeldByHoldRole,

    /// <summary>No such case, or not this person's to hold: the same answer for both.</summary>
    NotFound,
}
