using IntakeBot.Cases;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Responders;

/// <summary>What the outbox does with the reporter's message about an approved identity request, so that
/// the notice period runs from its delivery and never from the approval. Delivered: the case's approved
/// request gets <see cref="IdentityDecision.ReporterToldAt"/> and <see cref="IdentityDecision.ShowFrom"/>
/// (<c>Identity:NoticeHours</c> later) in one conditional write that only sets them when they are not
/// there, and the requester's message that the name is shown is queued, due then. Given up: the request
/// gets <see cref="IdentityDecision.ReporterUnreachableAt"/>, the identity is never shown on it, and the
/// custodian who approved it and the requester are told. Each step is named after the outbox entry, so
/// doing it again (after a crash, or by another process) writes and queues nothing new.</summary>
public sealed class IdentityNotice(ICaseStore cases, NotificationOutbox outbox, IOptions<IdentityOptions> identity, ILogger<IdentityNotice> logger)
{
    /// <summary>Who the audit names for what the outbox did, as nobody's turn decided it.</summary>
    public const string Actor = "intakebot";

    public static bool IsNotice(OwnerNotification notification)
        => notification is { To: NotificationRecipient.Reporter, Message: TextKey.ReporterIdentityApprovedNotice };

    /// <summary>The case's approved request already records the reporter told: a delivery that happened
    /// before a crash is not sent again.</summary>
    public async Task<bool> AlreadyToldAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = await cases.GetAsync(entry.Notification.CaseReference, cancellationToken).ConfigureAwait(false);
        return record?.IdentityRequests?.LastOrDefault()?.Decision is { Approved: true, ReporterToldAt: not null };
    }

    /// <summary>The message reached the reporter at <paramref name="at"/>: the notice period starts.</summary>
    public async Task ToldAsync(OutboxEntry entry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var showFrom = at + TimeSpan.FromHours(identity.Value.NoticeHours);
        var record = await RecordAsync(entry, at, d => d with { ReporterToldAt = at, ShowFrom = showFrom }, cancellationToken).ConfigureAwait(false);
        if (record?.IdentityRequests?.LastOrDefault() is { Decision: { } decision } request && decision.ShownFrom() is { } shown)
        {
            // Due when the name is shown, so the requester hears of it then and not before.
            var notice = new OwnerNotification(request.Requester, TextKey.OwnerIdentityNowShown, record.Reference);
            await outbox.WriteAsync([new OutboxEntry(notice, "identity-shown/" + entry.Id, ActivityId: null, at)], shown, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The message was given up: the name is not shown, and the custodian who approved the
    /// request and the requester hear why (a requester who owns the case hears it from the outbox's own
    /// message to the owner, and their card says the rest).</summary>
    public async Task UnreachableAsync(OutboxEntry entry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var record = await RecordAsync(entry, at, d => d with { ReporterUnreachableAt = at }, cancellationToken).ConfigureAwait(false);
        if (record?.IdentityRequests?.LastOrDefault() is not { Decision: { ReporterUnreachableAt: not null } decision } request)
        {
            return;
        }

        await outbox.PostAsync(new OwnerNotification(decision.By, TextKey.CustodianIdentityReporterUnreachable, record.Reference), "identity-unreachable-custodian/" + entry.Id, at, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(request.Requester, record.Owner, StringComparison.OrdinalIgnoreCase))
        {
            await outbox.PostAsync(new OwnerNotification(request.Requester, TextKey.OwnerIdentityReporterUnreachable, record.Reference), "identity-unreachable-requester/" + entry.Id, at, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Changes the latest request's decision while it still waits for the reporter's notice, and
    /// audits what the stored decision then says, once (named after the entry): also when an earlier try
    /// wrote the case and stopped before the audit. Returns the case as stored, or null when it is gone.</summary>
    private async Task<CaseRecord?> RecordAsync(OutboxEntry entry, DateTimeOffset at, Func<IdentityDecision, IdentityDecision> change, CancellationToken cancellationToken)
    {
        var reference = entry.Notification.CaseReference;
        var record = await cases.UpdateAsync(reference, r =>
            r.IdentityRequests?.LastOrDefault() is { Decision: { } decision } request && decision.AwaitsReporterNotice()
                ? r with { IdentityRequests = [.. r.IdentityRequests.Take(r.IdentityRequests.Count - 1), request with { Decision = change(decision) }], UpdatedAt = at }
                : r,
            cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            logger.LogWarning("The reporter's notice of an identity request on case {CaseReference} was not recorded: the case no longer exists.", reference);
            return null;
        }

        (DateTimeOffset At, string Detail)? done = record.IdentityRequests?.LastOrDefault()?.Decision switch
        {
            { ReporterToldAt: { } told } => (told, "told"),
            { ReporterUnreachableAt: { } unreachable } => (unreachable, "unreachable"),
            _ => null,
        };
        if (done is { } stored)
        {
            await cases.AppendAuditOnceAsync(reference, [new AuditEntry(stored.At, Actor, AuditAction.IdentityNotice, null, AuditResult.Done, stored.Detail, "identity-notice/" + entry.Id)], cancellationToken).ConfigureAwait(false);
        }

        return record;
    }
}
