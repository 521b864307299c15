namespace IntakeBot.Cases;

/// <summary>One message of the follow-up thread between a case's owner and its reporter, kept in
/// <c>case.json</c>; the activity id of the message it came in makes writing it again (a redelivered
/// turn) change nothing. Unlike a note, the reporter sees every one of these with <c>view</c>.</summary>
public sealed record CaseMessage(DateTimeOffset At, string From, string By, string Text, string? ActivityId = null)
{
    /// <summary>Written by the case owner to the reporter.</summary>
    public const string FromOwner = "owner";

    /// <summary>Written by the reporter to the case owner.</summary>
    public const string FromReporter = "reporter";
}
