namespace IntakeBot.Cases;

/// <summary>What the person answered, section by section, exactly as typed. Null means not answered
/// or skipped.</summary>
public sealed record IntakeAnswers
{
    /// <summary>For a report taken by a responder: who is reporting, as the responder entered it.</summary>
    public string? ReportedBy { get; set; }

    /// <summary>For a report taken by a responder: whether the person agreed after being told who
    /// will see the notes, as the responder recorded it.</summary>
    public string? Consent { get; set; }

    public List<string> WhatHappened { get; set; } = [];

    /// <summary>The answer to the one open prompt after the account.</summary>
    public string? FollowUp { get; set; }

    /// <summary>Whether it happened to the person reporting or they saw it happen to someone else.</summary>
    public string? Role { get; set; }

    public string? When { get; set; }

    public string? StillHappening { get; set; }

    public string? SafeNow { get; set; }

    public string? Setting { get; set; }

    public string? Place { get; set; }

    public string? WhoWasInvolved { get; set; }

    public string? Witnesses { get; set; }

    public string? Impact { get; set; }

    public string? AnythingElse { get; set; }

    public string? Contact { get; set; }

    /// <summary>Safe times or ways to be contacted, or anything to avoid.</summary>
    public string? SafeTimes { get; set; }

    /// <summary>For a report taken by a responder: the reporter's questions and wishes.</summary>
    public string? QuestionsAndWishes { get; set; }
}
