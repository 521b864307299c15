namespace IntakeBot.Cases;

public static class CaseStatusExtensions
{
    /// <summary>True once the case left the draft: submitted, acknowledged, in review or closed.</summary>
    public static bool IsSubmitted(this CaseStatus status) => status is CaseStatus.Submitted or CaseStatus.Acknowledged or CaseStatus.InReview or CaseStatus.Closed;

    /// <summary>True while the case is submitted and not yet closed.</summary>
    public static bool IsOpen(this CaseStatus status) => status is CaseStatus.Submitted or CaseStatus.Acknowledged or CaseStatus.InReview;
}
