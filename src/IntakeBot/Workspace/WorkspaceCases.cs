using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Sharing;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Workspace;

/// <summary>What the tab reads: the owner's list from the same index query as <c>cases</c>
/// (<see cref="CaseQueries.OwnedMostUrgentFirstAsync"/>), and a case or a piece of evidence only when the stored case
/// is the caller's (<see cref="SharingService.OwnedCaseAsync"/>, as <c>case IR-…</c>), each read audited.
/// Anyone else gets null, the same for a case that does not exist.</summary>
public sealed class WorkspaceCases(CaseQueries queries, ICaseStore cases, SharingService sharing, EvidenceStore evidence, TextCatalog text, IOptions<WorkspaceOptions> options, TimeProvider clock)
{
    public async Task<CaseListPage> ListAsync(WorkspaceCaller caller, CaseListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        var owned = await queries.OwnedMostUrgentFirstAsync(caller.Owner, [], now, cancellationToken).ConfigureAwait(false);
        var kept = owned.Select(c => Item(c, now)).Where(filter.Keeps).ToList();
        var size = options.Value.PageSize;
        var page = Math.Max(filter.Page, 1);
        return new CaseListPage([.. kept.Skip((page - 1) * size).Take(size)], page, size, kept.Count);
    }

    /// <summary>The case when the caller owns it, its read written to the audit log as <c>case</c> writes it;
    /// questions, choices and sizes in <paramref name="language"/> (a catalog language).</summary>
    public async Task<CaseDetail?> ReadAsync(WorkspaceCaller caller, string reference, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await sharing.OwnedCaseAsync(caller.Owner, reference, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return null;
        }

        await sharing.AuditViewAsync(record, caller.ObjectId, cancellationToken).ConfigureAwait(false);
        var audit = await cases.ReadAuditAsync(record.Reference, cancellationToken).ConfigureAwait(false);
        using (ReaderLanguage.Begin(language))
        {
            var sections = record.Kind == CaseKind.TakenByResponder ? ResponderSections.All : ReporterSections.All;
            return new CaseDetail(
                Item(CaseSummary.Of(record), clock.GetUtcNow()),
                record.Summary,
                language,
                record.Reporter is not null,
                [.. sections.Where(s => s.Input != SectionInput.Evidence).Select(s => new AnswerSection(text[s.Title], s.Shown(record.Answers, text)))],
                record.Additions,
                record.Messages,
                record.Notes,
                [.. record.Evidence.Select(e => new EvidenceLine(e.Number, e.SafeName, e.ContentType, e.Size, Sizes.Format(text, e.Size), e.Sha256, e.AddedAt))],
                [.. record.Access.Select(g => new ReaderLine(g.DisplayName ?? g.Email, g.Email, g.GrantedAt))],
                record.StatusHistory,
                audit,
                CaseVersion.Of(record));
        }
    }

    /// <summary>The numbered evidence item and its content when the caller owns the case; the download is
    /// audited (a view, with the item's number) before a byte is sent.</summary>
    public async Task<(EvidenceItem Item, Stream Content)?> OpenEvidenceAsync(WorkspaceCaller caller, string reference, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await sharing.OwnedCaseAsync(caller.Owner, reference, cancellationToken).ConfigureAwait(false) is not { } record
            || record.Evidence.Find(e => e.Number == number && !e.Withheld) is not { } item)
        {
            return null;
        }

        await cases.AppendAuditAsync(record.Reference, new AuditEntry(clock.GetUtcNow(), caller.ObjectId, AuditAction.View, null, AuditResult.Shown, $"evidence-{number}"), cancellationToken).ConfigureAwait(false);
        return (item, await evidence.OpenReadAsync(item, cancellationToken).ConfigureAwait(false));
    }

    private static CaseListItem Item(CaseSummary c, DateTimeOffset now)
        => new(c.Reference, c.Kind, c.Status, c.SubmittedAt, c.UpdatedAt, c.SafetyConcern, c.NoContact, c.AwaitingOwnerReply, c.IsHeld,
            [.. c.RunningDeadlines.Select(d => new DeadlineItem(d.Kind, d.Due, d.Due <= now))], c.Summary);
}
