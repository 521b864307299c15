namespace IntakeBot.Retention;

public enum HoldOutcome
{
    Held,
    AlreadyHeld,
    Released,
    NotHeld,

    /// <summary>No such case, or not this person's to hold: the same answer for both.</summary>
    NotFound,
}
