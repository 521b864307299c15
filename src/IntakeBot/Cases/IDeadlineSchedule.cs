namespace IntakeBot.Cases;

/// <summary>The follow-up deadlines a case submitted at a given time gets, as configured; for the
/// start-up pass that gives them to cases submitted before deadlines existed.</summary>
public interface IDeadlineSchedule
{
    List<CaseDeadline> For(DateTimeOffset submittedAt);
}
