using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Evidence;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace IntakeBot.Sharing;

/// <summary>What a case owner can do with access to a case file: share it with one named person,
/// take that access back, and see who has it. Every change and every refusal goes into the case's
/// audit log; a grant is recorded only once Graph has made it.</summary>
public sealed class SharingService(
    ICaseStore cases,
    EvidenceStore evidence,
    GraphDirectory directory,
    CaseDrive drive,
    TextCatalog text,
    IOptions<SharingOptions> options,
    TimeProvider clock,
    ILogger<SharingService> logger)
{
    private SharingOptions Options => options.Value;

    /// <summary>The case when this person owns it; null for every other case, existing or not.</summary>
    public async Task<CaseRecord?> OwnedCaseAsync(string? owner, string reference, CancellationToken cancellationToken)
    {
        var normalized = reference.Trim().ToUpperInvariant();
        if (owner is null || !CaseReference.IsValid(normalized))
        {
            return null;
        }

        var record = await cases.GetAsync(normalized, cancellationToken).ConfigureAwait(false);
        return record is not null && string.Equals(record.Owner, owner, StringComparison.OrdinalIgnoreCase) && record.Status == CaseStatuses.Submitted ? record : null;
    }

    public async Task<string> ShareAsync(CaseRecord record, string actor, string address, CancellationToken cancellationToken)
    {
        if (await RefusedBeforeGraphAsync(record, actor, "share", address, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        try
        {
            var check = await directory.CheckAsync(address, cancellationToken).ConfigureAwait(false);
            if (IsOwner(record, check))
            {
                return text.Format(TextKey.ShareSelf, record.Reference);
            }

            if (!check.IsPerson)
            {
                await AuditAsync(record, actor, "share", address, "refused", check.Verdict.ToString(), cancellationToken).ConfigureAwait(false);
                return Refusal(check);
            }

            if (IsNamedInReport(record, check))
            {
                await AuditAsync(record, actor, "share", address, "refused", "named-in-report", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.RefusedNamedInReport, address);
            }

            if (record.Access.Any(g => g.UserId == check.UserId))
            {
                return text.Format(TextKey.ShareAlready, address, record.Reference);
            }

            var shared = await EnsureCaseFileAsync(record, actor, cancellationToken).ConfigureAwait(false);
            var permission = await drive.InviteAsync(shared.FolderId, check.Mail ?? address, text.Format(TextKey.ShareInvitationMessage, record.Reference), cancellationToken).ConfigureAwait(false);
            var grant = new AccessGrant(check.UserId!, check.Mail ?? address, check.DisplayName, permission.Id!, clock.GetUtcNow(), actor);
            await cases.UpdateAsync(record.Reference, c => c with { Access = [.. c.Access.Where(g => g.UserId != grant.UserId), grant], UpdatedAt = grant.GrantedAt }, cancellationToken).ConfigureAwait(false);
            await AuditAsync(record, actor, "share", address, "granted", $"permission {grant.PermissionId}", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.ShareDone, check.DisplayName ?? address, record.Reference);
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Sharing case {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
            await AuditAsync(record, actor, "share", address, "failed", "graph-unavailable", cancellationToken).ConfigureAwait(false);
            return text[TextKey.GraphUnavailable];
        }
    }

    public async Task<string> RevokeAsync(CaseRecord record, string actor, string address, CancellationToken cancellationToken)
    {
        if (await RefusedBeforeGraphAsync(record, actor, "revoke", address, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        if (string.Equals(address, record.Owner, StringComparison.OrdinalIgnoreCase))
        {
            await AuditAsync(record, actor, "revoke", address, "refused", "owner", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.RevokeSelf, record.Reference);
        }

        var grant = record.Access.FirstOrDefault(g => string.Equals(g.Email, address, StringComparison.OrdinalIgnoreCase));
        if (grant is null || record.Shared is null)
        {
            await AuditAsync(record, actor, "revoke", address, "refused", "no-access", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.RevokeNotGranted, address, record.Reference);
        }

        try
        {
            try
            {
                await drive.DeletePermissionAsync(record.Shared.FolderId, grant.PermissionId, cancellationToken).ConfigureAwait(false);
            }
            catch (ODataError e) when (e.ResponseStatusCode == 404)
            {
                // Already gone at Graph: the record catches up below.
            }

            var remaining = await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false);
            if (remaining.Any(p => p.Id == grant.PermissionId))
            {
                await AuditAsync(record, actor, "revoke", address, "failed", "still-present", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.RevokeNotConfirmed, address, record.Reference);
            }

            await cases.UpdateAsync(record.Reference, c => c with { Access = [.. c.Access.Where(g => g.PermissionId != grant.PermissionId)], UpdatedAt = clock.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            await AuditAsync(record, actor, "revoke", address, "removed", $"permission {grant.PermissionId}", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.RevokeDone, grant.DisplayName ?? address, record.Reference);
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Revoking access to case {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
            await AuditAsync(record, actor, "revoke", address, "failed", "graph-unavailable", cancellationToken).ConfigureAwait(false);
            return text[TextKey.GraphUnavailable];
        }
    }

    public async Task<string> AccessAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var listing = record.Access.Count == 0
            ? text.Format(TextKey.AccessNone, record.Reference)
            : text.Format(TextKey.AccessList, record.Reference, string.Join('\n', record.Access.Select(g => text.Format(TextKey.AccessLine, g.DisplayName ?? g.Email, g.Email, g.GrantedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))));
        if (!Options.Enabled || record.Shared is null)
        {
            return listing;
        }

        try
        {
            var known = record.Access.Select(g => g.PermissionId).ToHashSet(StringComparer.Ordinal);
            var unknown = (await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false))
                .Count(p => p.InheritedFrom is null && p.Id is not null && !known.Contains(p.Id) && p.Roles?.Contains("owner") != true);
            return unknown == 0 ? listing : $"{listing}\n\n{text.Format(TextKey.AccessUnknown, unknown)}";
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Listing permissions of case {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
            return listing;
        }
    }

    /// <summary>Brings the shared copy up to date after the case changed, when it was shared before.</summary>
    public async Task RefreshIfSharedAsync(string reference, string actor, CancellationToken cancellationToken)
    {
        if (!Options.Enabled || await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { Shared: not null } record)
        {
            return;
        }

        try
        {
            await EnsureCaseFileAsync(record, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Refreshing the case file of {CaseReference} failed at Microsoft Graph ({ExceptionType}).", reference, e.GetType().FullName);
            await AuditAsync(record, actor, "case-file-upload", null, "failed", "graph-unavailable", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Uploads the case file (again) and any evidence not in the folder yet.</summary>
    private async Task<SharedFolder> EnsureCaseFileAsync(CaseRecord record, string actor, CancellationToken cancellationToken)
    {
        var folder = drive.FolderOf(record.Reference);
        var transcript = await cases.ReadTranscriptAsync(record.Reference, cancellationToken).ConfigureAwait(false);
        string caseFileId;
        using (var document = CaseFileDocument.Build(text, record, transcript))
        {
            var file = await drive.UploadAsync($"{folder}/{record.Reference}-case-file.docx", document, document.Length, cancellationToken).ConfigureAwait(false);
            caseFileId = file.Id!;
        }

        if (!string.IsNullOrWhiteSpace(Options.SensitivityLabelId))
        {
            await drive.AssignLabelAsync(caseFileId, Options.SensitivityLabelId, cancellationToken).ConfigureAwait(false);
        }

        var uploaded = record.Shared?.UploadedEvidence ?? [];
        foreach (var item in record.Evidence.Where(e => !uploaded.Contains(e.Number)))
        {
            await using var content = await evidence.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
            await drive.UploadAsync($"{folder}/evidence/{item.Number:000}-{item.SafeName}", content, item.Size, cancellationToken).ConfigureAwait(false);
            uploaded = [.. uploaded, item.Number];
        }

        var shared = new SharedFolder(record.Shared?.FolderId ?? await drive.FolderIdAsync(folder, cancellationToken).ConfigureAwait(false), caseFileId, uploaded, clock.GetUtcNow());
        await cases.UpdateAsync(record.Reference, c => c with { Shared = shared }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(record, actor, "case-file-upload", null, "uploaded", $"{record.Evidence.Count} evidence item(s)", cancellationToken).ConfigureAwait(false);
        return shared;
    }

    /// <summary>What is refused before Graph is asked anything: sharing not set up, or something that is
    /// not one plain address (lists, display names, query operators).</summary>
    private async Task<string?> RefusedBeforeGraphAsync(CaseRecord record, string actor, string action, string address, CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return text[TextKey.SharingNotSetUp];
        }

        if (GraphDirectory.IsPlainAddress(address))
        {
            return null;
        }

        await AuditAsync(record, actor, action, null, "refused", "not-an-address", cancellationToken).ConfigureAwait(false);
        return text[TextKey.RefusedNotAnAddress];
    }

    private string Refusal(RecipientCheck check) => check.Verdict switch
    {
        RecipientVerdict.Group => text.Format(TextKey.RefusedGroup, check.Address),
        RecipientVerdict.Ambiguous => text.Format(TextKey.RefusedAmbiguous, check.Address),
        RecipientVerdict.Disabled => text.Format(TextKey.RefusedDisabled, check.Address),
        RecipientVerdict.Guest => text.Format(TextKey.RefusedGuest, check.Address),
        RecipientVerdict.NotAnAddress => text[TextKey.RefusedNotAnAddress],
        _ => text.Format(TextKey.RefusedUnknown, check.Address),
    };

    private static bool IsOwner(CaseRecord record, RecipientCheck check)
        => new[] { check.Address, check.UserId, check.UserPrincipalName, check.Mail }
            .Any(id => id is not null && string.Equals(id, record.Owner, StringComparison.OrdinalIgnoreCase));

    /// <summary>People named in the report never get access to it: by address, or by their name as
    /// the directory gives it, in who was involved or the witnesses.</summary>
    private static bool IsNamedInReport(CaseRecord record, RecipientCheck check)
    {
        var named = string.Join('\n', record.Answers.WhoWasInvolved, record.Answers.Witnesses);
        return new[] { check.Address, check.Mail, check.UserPrincipalName, check.DisplayName }
            .Any(id => !string.IsNullOrWhiteSpace(id) && named.Contains(id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Graph refused or could not be reached (the SDK's retry handler wraps what it gave up on
    /// in an AggregateException).</summary>
    private static bool IsGraphFailure(Exception e)
        => e is ApiException or HttpRequestException or TaskCanceledException or IOException
            || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsGraphFailure));

    private Task AuditAsync(CaseRecord record, string actor, string action, string? whom, string result, string? detail, CancellationToken cancellationToken)
        => cases.AppendAuditAsync(record.Reference, new AuditEntry(clock.GetUtcNow(), actor, action, whom, result, detail), cancellationToken);
}
