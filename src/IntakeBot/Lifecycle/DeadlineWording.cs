using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Lifecycle;

/// <summary>What an owner reads about a case's deadlines in <c>cases</c>: each one still running, due by
/// or overdue since its date, the overdue first.</summary>
public sealed class DeadlineWording(TextCatalog text, TimeProvider time)
{
    /// <summary>The deadlines of <paramref name="summary"/> to append to its line; empty when none is running.</summary>
    public string Line(CaseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var now = time.GetUtcNow();
        return string.Concat(summary.RunningDeadlines
            .OrderBy(d => d.Due)
            .Select(d => text.Format(d.Due <= now ? TextKey.CasesDeadlineOverdue : TextKey.CasesDeadlineDue, Name(d.Kind), Times.Utc(d.Due))));
    }

    private string Name(DeadlineKind kind) => text[kind == DeadlineKind.Acknowledge ? TextKey.DeadlineAcknowledgement : TextKey.DeadlineFeedback];
}
