namespace IntakeBot.Cases;

/// <summary>What the person answered, section by section, exactly as typed. Null means not answered
/// or skipped.</summary>
public sealed record IntakeAnswers
{
    /// <summary>For a report taken by a responder: who is reporting, as the responder entered it.</summary>
    public string? ReportedBy { get; set; }

    public List<string> WhatHappened { get; set; } = [];

    public string? When { get; set; }

    public string? StillHappening { get; set; }

    public string? Setting { get; set; }

    public string? Place { get; set; }

    public string? WhoWasInvolved { get; set; }

    public string? Witnesses { get; set; }

    public string? Impact { get; set; }

    public string? AnythingElse { get; set; }

    public string? Contact { get; set; }

    /// <summary>For a report taken by a responder: the reporter's questions and wishes.</summary>
    public string? QuestionsAndWishes { get; set; }
}
