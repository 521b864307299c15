using IntakeBot.Cases;
using IntakeBot.Storage;
using Microsoft.Extensions.Options;

namespace IntakeBot.Workspace;

/// <summary>Content-free statistics for <c>Workspace:InsightsRoles</c>: counts of submitted cases by
/// month, kind, status, safety concern and time to acknowledge, found through the index (by status) and
/// read as summaries, which hold nothing anyone wrote. Every cell under <see cref="MinimumCell"/> is
/// suppressed; nothing else is given (no references, no owners, no totals).</summary>
public sealed class WorkspaceInsights(ICaseStore cases, IOptions<WorkspaceOptions> options, TimeProvider clock)
{
    public const int MinimumCell = 5;

    private static readonly CaseStatus[] Submitted = [CaseStatus.Submitted, CaseStatus.Acknowledged, CaseStatus.InReview, CaseStatus.Closed];

    public bool MayRead(WorkspaceCaller caller)
        => caller is not null && options.Value.InsightsRoles.Any(r => string.Equals(r.Trim(), caller.ObjectId, StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<InsightCell>> CountAsync(CancellationToken cancellationToken)
    {
        var found = new List<CaseSummary>();
        var everything = clock.GetUtcNow().AddYears(100);
        foreach (var status in Submitted)
        {
            await foreach (var summary in cases.FindAsync(status, CaseIndexTags.Updated, everything, cancellationToken).ConfigureAwait(false))
            {
                found.Add(summary);
            }
        }

        return
        [
            .. Cells("month", found.Select(c => (c.SubmittedAt ?? c.CreatedAt).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))),
            .. Cells("kind", found.Select(c => c.Kind.ToStoredNameOrUnknown())),
            .. Cells("status", found.Select(c => c.Status.ToStoredNameOrUnknown())),
            .. Cells("safetyConcern", found.Select(c => c.SafetyConcern ? "yes" : "no")),
            .. Cells("timeToAcknowledge", found.Select(TimeToAcknowledge)),
        ];
    }

    private static string TimeToAcknowledge(CaseSummary c)
        => c.AcknowledgedAt is not { } at ? "not-acknowledged"
            : (at - (c.SubmittedAt ?? c.CreatedAt)) switch
            {
                var t when t <= TimeSpan.FromDays(1) => "within-1-day",
                var t when t <= TimeSpan.FromDays(7) => "within-7-days",
                _ => "over-7-days",
            };

    private static IEnumerable<InsightCell> Cells(string dimension, IEnumerable<string> values)
        => values.GroupBy(v => v, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new InsightCell(dimension, g.Key, g.Count() < MinimumCell ? null : g.Count()));
}
