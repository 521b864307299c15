using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Retention;

/// <summary>The bot's sentences about keeping and deleting, built from the configured periods, so that
/// what the welcome, pause, discard and receipt say is true for this deployment.</summary>
public sealed class RetentionWording(TextCatalog text, RetentionPeriods periods)
{
    /// <summary>For the welcome and receipt: how long a case is kept once closed.</summary>
    public string ClosedCaseKept() => text.Format(TextKey.RetentionClosedCaseKept, Duration(periods.ClosedCase));

    /// <summary>The answer to <c>deleted IR-…</c> for the case's owner: that it was deleted, when and why.</summary>
    public string Deleted(Tombstone tombstone)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        var why = tombstone.By switch
        {
            DeletedBy.Sweeper => text[TextKey.DeletedBySweeper],
            DeletedBy.Owner => text[TextKey.DeletedByOwner],
            _ => text[TextKey.DeletedByReporter],
        };
        return text.Format(TextKey.DeletedCase, tombstone.Reference ?? string.Empty, tombstone.DeletedAt.UtcDateTime, why);
    }

    /// <summary>The retention line of the <c>case</c> card: the hold, or when a closed case is due to go;
    /// null for an open case.</summary>
    public string? CaseLine(Cases.CaseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Hold is { } hold)
        {
            return text.Format(hold.Capacity == HoldCapacity.HoldRole ? TextKey.CaseCardHoldByRole : TextKey.CaseCardHold, hold.At.UtcDateTime);
        }

        return record.ClosedAt is { } closedAt && CaseExpiry.ExpiresOn(record, periods.ClosedCase) is { } expiresOn
            ? text.Format(TextKey.CaseCardExpiry, closedAt.UtcDateTime, expiresOn.UtcDateTime)
            : null;
    }

    /// <summary>A period in words, as every sentence about keeping says it.</summary>
    public string Duration(TimeSpan period) => Durations.Format(text, period);
}
