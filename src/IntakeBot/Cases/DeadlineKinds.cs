namespace IntakeBot.Cases;

/// <summary>The two follow-up deadlines of a case, as stored in <c>case.json</c>.</summary>
public static class DeadlineKinds
{
    /// <summary>Met by <c>acknowledge</c> (or by any later status).</summary>
    public const string Acknowledge = "acknowledge";

    /// <summary>Met by a message from the owner to the reporter.</summary>
    public const string Feedback = "feedback";
}
