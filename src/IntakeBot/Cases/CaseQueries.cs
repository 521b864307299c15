namespace IntakeBot.Cases;

/// <summary>The lists of cases a person may see, as data: the chat formats them (<c>cases</c>,
/// <c>my reports</c>) and any other view can show the same. <paramref name="recent"/> on each query are
/// the references this person saved a moment ago, read too since the index may not find them yet.</summary>
public sealed class CaseQueries(ICaseStore cases)
{
    /// <summary>The submitted cases <paramref name="owner"/> (a roster entry) owns, open safety concerns
    /// first, then newest first; none for someone who is not on the roster.</summary>
    public async Task<IReadOnlyList<CaseSummary>> OwnedAsync(string? owner, IReadOnlyList<string> recent, CancellationToken cancellationToken)
        => owner is null ? [] : [.. Newest(await cases.ListAsync(new CaseFilter(Owner: owner, Recent: recent), cancellationToken).ConfigureAwait(false)).OrderByDescending(c => c.OpenSafetyConcern)];

    /// <summary>The submitted cases <paramref name="owner"/> owns, most urgent first (<see cref="MostUrgentFirst"/>):
    /// the order of the workspace's list and of <c>cases</c> when the workspace is on.</summary>
    public async Task<IReadOnlyList<CaseSummary>> OwnedMostUrgentFirstAsync(string? owner, IReadOnlyList<string> recent, DateTimeOffset now, CancellationToken cancellationToken)
        => [.. MostUrgentFirst(await OwnedAsync(owner, recent, cancellationToken).ConfigureAwait(false), now)];

    /// <summary>Most urgent first: open cases before closed ones; among them open safety concerns, then a
    /// deadline passed, then a reply from the reporter waiting, then the nearest deadline, then the latest activity.</summary>
    public static IEnumerable<CaseSummary> MostUrgentFirst(IEnumerable<CaseSummary> cases, DateTimeOffset now)
        => cases
            .OrderBy(c => c.Status == CaseStatus.Closed)
            .ThenByDescending(c => c.OpenSafetyConcern)
            .ThenByDescending(c => c.RunningDeadlines.Any(d => d.Due <= now))
            .ThenByDescending(c => c.AwaitingOwnerReply)
            .ThenBy(c => c.RunningDeadlines.Count == 0 ? DateTimeOffset.MaxValue : c.RunningDeadlines.Min(d => d.Due))
            .ThenByDescending(c => c.UpdatedAt);

    /// <summary>The submitted cases the person with <paramref name="reporterObjectId"/> reported about
    /// themselves, newest first.</summary>
    public async Task<IReadOnlyList<CaseSummary>> ReportedAsync(string? reporterObjectId, IReadOnlyList<string> recent, CancellationToken cancellationToken)
        => Newest(await cases.ListAsync(new CaseFilter(ReporterAadObjectId: reporterObjectId, Recent: recent), cancellationToken).ConfigureAwait(false));

    /// <summary>Drafts and discarded cases are never listed; the order of both lists is decided here
    /// (a stable sort, so the owner's safety concerns keep this order among themselves).</summary>
    private static List<CaseSummary> Newest(IEnumerable<CaseSummary> found)
        => [.. found.Where(c => c.Status.IsSubmitted()).OrderByDescending(c => c.SubmittedAt)];
}
