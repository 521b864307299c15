using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Text;
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
    ConflictCheck conflicts,
    TextCatalog text,
    IOptions<SharingOptions> options,
    IOptions<CaseLimits> limits,
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
        return record is not null && string.Equals(record.Owner, owner, StringComparison.OrdinalIgnoreCase) && record.Status.IsSubmitted() ? record : null;
    }

    public async Task<string> ShareAsync(CaseRecord record, string actor, string address, CancellationToken cancellationToken)
    {
        if (await RefusedBeforeGraphAsync(record, actor, AuditAction.Share, address, cancellationToken).ConfigureAwait(false) is { } refusal)
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
                await AuditAsync(record, actor, AuditAction.Share, address, AuditResult.Refused, check.Verdict.ToString(), cancellationToken).ConfigureAwait(false);
                return Refusal(check);
            }

            var mentions = (await conflicts.ReadAsync(record, cancellationToken).ConfigureAwait(false)).Mentions(check);
            if (mentions.Count > 0)
            {
                await AuditAsync(record, actor, AuditAction.Share, address, AuditResult.Refused, "named-in-report", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.RefusedNamedInReport, PlainText.Escape(address), Quoted(mentions));
            }

            if (record.Access.Any(g => g.UserId == check.UserId))
            {
                return text.Format(TextKey.ShareAlready, PlainText.Escape(address), record.Reference);
            }

            // Before anything is uploaded or anyone invited; taking someone's access away makes room.
            if (record.Access.Count >= limits.Value.PeoplePerCase)
            {
                await AuditAsync(record, actor, AuditAction.Share, address, AuditResult.Refused, "access-limit", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.ShareAccessFull, PlainText.Escape(address), record.Reference, record.Access.Count);
            }

            // Nobody but the app and this case's grantees may read the folder, before anything is
            // uploaded (a new folder inherits from the one above it) and again before the invitation.
            var before = record.Shared is null
                ? await drive.PermissionsAtAsync(drive.FolderOf(record.Reference), cancellationToken).ConfigureAwait(false)
                : await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false);
            if (await RefusedForReadersAsync(record, actor, address, check, before, cancellationToken).ConfigureAwait(false) is { } readersRefusal)
            {
                return readersRefusal;
            }

            var shared = await EnsureCaseFileAsync(record, actor, cancellationToken).ConfigureAwait(false);
            var now = await drive.PermissionsAsync(shared.FolderId, cancellationToken).ConfigureAwait(false);
            if (await RefusedForReadersAsync(record, actor, address, check, now, cancellationToken).ConfigureAwait(false) is { } afterUpload)
            {
                return afterUpload;
            }

            // A grant Graph made for this person that the case failed to record is recorded now
            // instead of inviting them twice.
            var permissionId = FolderReader.Of(now, record.Access, Options.ClientId).FirstOrDefault(r => r.Kind == FolderReadKind.Unrecorded && r.UserId == check.UserId)?.PermissionId
                ?? (await drive.InviteAsync(shared.FolderId, check.UserId!, text.Format(TextKey.ShareInvitationMessage, record.Reference), cancellationToken).ConfigureAwait(false)).Id!;
            var grant = new AccessGrant(check.UserId!, check.Mail ?? address, check.DisplayName, permissionId, clock.GetUtcNow(), actor);
            await cases.UpdateAsync(record.Reference, c => c with { Access = [.. c.Access.Where(g => g.UserId != grant.UserId), grant], UpdatedAt = grant.GrantedAt }, cancellationToken).ConfigureAwait(false);
            await AuditAsync(record, actor, AuditAction.Share, address, AuditResult.Granted, $"permission {grant.PermissionId}", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.ShareDone, PlainText.Escape(check.DisplayName ?? address), record.Reference);
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Sharing case {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
            await AuditAsync(record, actor, AuditAction.Share, address, AuditResult.Failed, "graph-unavailable", cancellationToken).ConfigureAwait(false);
            return text[TextKey.GraphUnavailable];
        }
    }

    /// <summary>Takes away what share gave: the address is resolved through Graph as share resolves it,
    /// and every direct permission of that user id on the case folder is removed, recorded or not.</summary>
    public async Task<string> RevokeAsync(CaseRecord record, string actor, string address, CancellationToken cancellationToken)
    {
        if (await RefusedBeforeGraphAsync(record, actor, AuditAction.Revoke, address, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }

        if (string.Equals(address, record.Owner, StringComparison.OrdinalIgnoreCase))
        {
            await AuditAsync(record, actor, AuditAction.Revoke, address, AuditResult.Refused, "owner", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.RevokeSelf, record.Reference);
        }

        try
        {
            var check = await directory.CheckAsync(address, cancellationToken).ConfigureAwait(false);
            if (IsOwner(record, check))
            {
                await AuditAsync(record, actor, AuditAction.Revoke, address, AuditResult.Refused, "owner", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.RevokeSelf, record.Reference);
            }

            var grant = record.Access.FirstOrDefault(g => check.UserId is not null && string.Equals(g.UserId, check.UserId, StringComparison.OrdinalIgnoreCase))
                ?? record.Access.FirstOrDefault(g => string.Equals(g.Email, address, StringComparison.OrdinalIgnoreCase));
            var userId = grant?.UserId ?? check.UserId;
            var targets = record.Shared is null || userId is null
                ? []
                : (await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false))
                    .Where(p => p.InheritedFrom is null && (p.Id == grant?.PermissionId || string.Equals((p.GrantedToV2?.User ?? p.GrantedTo?.User)?.Id, userId, StringComparison.OrdinalIgnoreCase)))
                    .Select(p => p.Id!)
                    .ToList();
            if (grant is null && targets.Count == 0)
            {
                await AuditAsync(record, actor, AuditAction.Revoke, address, AuditResult.Refused, "no-access", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.RevokeNotGranted, PlainText.Escape(address), record.Reference);
            }

            if (await RemovePermissionsAsync(record, targets, cancellationToken).ConfigureAwait(false) is false)
            {
                await AuditAsync(record, actor, AuditAction.Revoke, address, AuditResult.Failed, "still-present", cancellationToken).ConfigureAwait(false);
                return text.Format(TextKey.RevokeNotConfirmed, PlainText.Escape(address), record.Reference);
            }

            await cases.UpdateAsync(record.Reference, c => c with { Access = [.. c.Access.Where(g => !string.Equals(g.UserId, userId, StringComparison.OrdinalIgnoreCase) && g != grant)], UpdatedAt = clock.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            await AuditAsync(record, actor, AuditAction.Revoke, address, AuditResult.Removed, $"permission {string.Join(' ', targets)}", cancellationToken).ConfigureAwait(false);
            return text.Format(TextKey.RevokeDone, PlainText.Escape(grant?.DisplayName ?? check.DisplayName ?? address), record.Reference);
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Revoking access to case {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
            await AuditAsync(record, actor, AuditAction.Revoke, address, AuditResult.Failed, "graph-unavailable", cancellationToken).ConfigureAwait(false);
            return text[TextKey.GraphUnavailable];
        }
    }

    /// <summary>Who can read the case file, the whole truth: the grants the case recorded, grants Graph
    /// holds that the case did not record, and everyone who can read the folder by inheritance or
    /// another permission. Listing it is a read of the case, so it is audited.</summary>
    public async Task<string> AccessAsync(CaseRecord record, string actor, CancellationToken cancellationToken)
    {
        await AuditAsync(record, actor, AuditAction.Access, null, AuditResult.Listed, null, cancellationToken).ConfigureAwait(false);
        var listing = record.Access.Count == 0
            ? text.Format(record.Reporter is null ? TextKey.AccessNone : TextKey.AccessNoneReporter, record.Reference)
            : text.Format(TextKey.AccessList, record.Reference, string.Join('\n', record.Access.Select(g => text.Format(TextKey.AccessLine, PlainText.Escape(g.DisplayName ?? g.Email), PlainText.Escape(g.Email), Times.UtcDate(g.GrantedAt)))));
        var withheld = (await cases.ReadAuditAsync(record.Reference, cancellationToken).ConfigureAwait(false))
            .Where(a => a.Action == AuditAction.RefreshWithheld && a.Whom is not null)
            .Select(a => text.Format(TextKey.AccessWithheldLine, PlainText.Escape(a.Whom), Times.UtcDate(a.At)))
            .ToList();
        if (withheld.Count > 0)
        {
            listing = $"{listing}\n\n{text.Format(TextKey.AccessWithheld, string.Join('\n', withheld))}";
        }

        if (!Options.Enabled || record.Shared is null)
        {
            return listing;
        }

        try
        {
            var readers = FolderReader.Of(await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false), record.Access, Options.ClientId);
            return readers.Count == 0 ? listing : $"{listing}\n\n{text.Format(TextKey.AccessOthers, string.Join('\n', readers.Select(ReaderLine)))}";
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Listing permissions of case {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
            return $"{listing}\n\n{text[TextKey.AccessGraphUnavailable]}";
        }
    }

    /// <summary>The one entry point for bringing the shared copy up to date after the case changed (an
    /// addition, new evidence), when it was shared before. Everyone with access is checked against the
    /// whole case again: a grantee the case now names loses access before the refreshed file is
    /// uploaded, the owner is told, and both are audited. Nothing is uploaded while anyone else can
    /// read the folder. Returns true when someone lost access, so that the caller tells the owner
    /// (reference only) through the turn's outbox.</summary>
    public async Task<bool> RefreshIfSharedAsync(string reference, string actor, CancellationToken cancellationToken)
    {
        if (!Options.Enabled || await cases.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { Shared: not null } record)
        {
            return false;
        }

        var withheld = false;

        try
        {
            var report = await conflicts.ReadAsync(record, cancellationToken).ConfigureAwait(false);
            var named = new List<AccessGrant>();
            foreach (var grant in record.Access)
            {
                var person = await directory.ByIdAsync(grant.UserId, cancellationToken).ConfigureAwait(false) ?? new RecipientCheck(RecipientVerdict.Person, grant.Email, grant.UserId, grant.DisplayName, grant.Email);
                if (report.Mentions(person).Count > 0)
                {
                    named.Add(grant);
                }
            }

            var permissions = await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false);
            var targets = permissions
                .Where(p => p.InheritedFrom is null && named.Any(g => p.Id == g.PermissionId || string.Equals((p.GrantedToV2?.User ?? p.GrantedTo?.User)?.Id, g.UserId, StringComparison.OrdinalIgnoreCase)))
                .Select(p => p.Id!)
                .ToList();
            if (await RemovePermissionsAsync(record, targets, cancellationToken).ConfigureAwait(false) is false)
            {
                await AuditAsync(record, actor, AuditAction.CaseFileUpload, null, AuditResult.Refused, "named-grantee-still-present", cancellationToken).ConfigureAwait(false);
                return withheld;
            }

            if (named.Count > 0)
            {
                record = await cases.UpdateAsync(reference, c => c with { Access = [.. c.Access.Where(g => !named.Any(n => n.UserId == g.UserId))], UpdatedAt = clock.GetUtcNow() }, cancellationToken).ConfigureAwait(false) ?? record;
                foreach (var grant in named)
                {
                    await AuditAsync(record, actor, AuditAction.RefreshWithheld, grant.Email, AuditResult.Removed, "named-in-report", cancellationToken).ConfigureAwait(false);
                }

                withheld = true;
            }

            var readers = FolderReader.Of(await drive.PermissionsAsync(record.Shared!.FolderId, cancellationToken).ConfigureAwait(false), record.Access, Options.ClientId);
            if (readers.Count > 0)
            {
                await AuditAsync(record, actor, AuditAction.CaseFileUpload, null, AuditResult.Refused, "folder-readers", cancellationToken).ConfigureAwait(false);
                return withheld;
            }

            await EnsureCaseFileAsync(record, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsGraphFailure(e))
        {
            logger.LogWarning("Refreshing the case file of {CaseReference} failed at Microsoft Graph ({ExceptionType}).", reference, e.GetType().FullName);
            await AuditAsync(record, actor, AuditAction.CaseFileUpload, null, AuditResult.Failed, "graph-unavailable", cancellationToken).ConfigureAwait(false);
        }

        return withheld;
    }

    /// <summary>A case view (<c>case IR-…</c>) is a read of the case: who, when and what go into its audit log.</summary>
    public Task AuditViewAsync(CaseRecord record, string actor, CancellationToken cancellationToken)
        => AuditAsync(record, actor, AuditAction.View, null, AuditResult.Shown, null, cancellationToken);

    /// <summary>Uploads the case file (again) and any evidence not in the folder yet.</summary>
    private async Task<SharedFolder> EnsureCaseFileAsync(CaseRecord record, string actor, CancellationToken cancellationToken)
    {
        var folder = drive.FolderOf(record.Reference);
        var transcript = await cases.ReadTranscriptAsync(record.Reference, cancellationToken).ConfigureAwait(false);
        var names = await NamesAsync(record, cancellationToken).ConfigureAwait(false);
        var shown = await ShownEvidenceAsync(record, cancellationToken).ConfigureAwait(false);
        string caseFileId;
        using (var document = CaseFileDocument.Build(text, record, transcript, names, shown))
        {
            var file = await drive.UploadAsync($"{folder}/{record.Reference}-case-file.docx", document, document.Length, cancellationToken).ConfigureAwait(false);
            caseFileId = file.Id!;
        }

        if (!string.IsNullOrWhiteSpace(Options.SensitivityLabelId))
        {
            await drive.AssignLabelAsync(caseFileId, Options.SensitivityLabelId, cancellationToken).ConfigureAwait(false);
        }

        var uploaded = record.Shared?.UploadedEvidence ?? [];
        foreach (var item in record.Evidence.Where(e => !uploaded.Contains(e.Number) && !e.Withheld))
        {
            await using var content = await evidence.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
            await drive.UploadAsync($"{folder}/evidence/{item.Number:000}-{item.SafeName}", content, item.Size, cancellationToken).ConfigureAwait(false);
            uploaded = [.. uploaded, item.Number];
        }

        var shared = new SharedFolder(record.Shared?.FolderId ?? await drive.FolderIdAsync(folder, cancellationToken).ConfigureAwait(false), caseFileId, uploaded, clock.GetUtcNow());
        await cases.UpdateAsync(record.Reference, c => c with { Shared = shared }, cancellationToken).ConfigureAwait(false);
        await AuditAsync(record, actor, AuditAction.CaseFileUpload, null, AuditResult.Uploaded, $"{record.Evidence.Count} evidence item(s)", cancellationToken).ConfigureAwait(false);
        return shared;
    }

    /// <summary>The names the case file shows: what the case knows, then the directory for the owner and
    /// the authors it has no name for. A name the directory cannot give is left out (the file says so)
    /// rather than holding up the upload.</summary>
    private async Task<CaseFileNames> NamesAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var names = CaseFileNames.Known(record);
        foreach (var id in names.Missing(record).Where(id => Guid.TryParse(id, out _) || GraphDirectory.IsPlainAddress(id)).ToList())
        {
            try
            {
                names.Add(id, (await directory.ByIdAsync(id, cancellationToken).ConfigureAwait(false))?.DisplayName);
            }
            catch (Exception e) when (IsGraphFailure(e))
            {
                logger.LogWarning("Looking up a name for the case file of {CaseReference} failed at Microsoft Graph ({ExceptionType}).", record.Reference, e.GetType().FullName);
                break;
            }
        }

        return names;
    }

    /// <summary>The pictures and pasted text the case file shows, read from the evidence store.</summary>
    private async Task<Dictionary<int, byte[]>> ShownEvidenceAsync(CaseRecord record, CancellationToken cancellationToken)
    {
        var shown = new Dictionary<int, byte[]>();
        foreach (var item in record.Evidence.Where(CaseFileDocument.Shows))
        {
            await using var content = await evidence.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            shown[item.Number] = copy.ToArray();
        }

        return shown;
    }

    /// <summary>Refuses the share, audited, when anyone but the app and the case's grantees can read the
    /// folder; a grant Graph holds for this very recipient is theirs, not someone else's.</summary>
    private async Task<string?> RefusedForReadersAsync(CaseRecord record, string actor, string address, RecipientCheck check, IEnumerable<Microsoft.Graph.Models.Permission> permissions, CancellationToken cancellationToken)
    {
        var others = FolderReader.Of(permissions, record.Access, Options.ClientId)
            .Where(r => !(r.Kind == FolderReadKind.Unrecorded && string.Equals(r.UserId, check.UserId, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (others.Count == 0)
        {
            return null;
        }

        await AuditAsync(record, actor, AuditAction.Share, address, AuditResult.Refused, others.Any(r => r.Kind == FolderReadKind.Inherited) ? "inherited-readers" : "other-readers", cancellationToken).ConfigureAwait(false);
        return text.Format(TextKey.RefusedFolderReaders, record.Reference, string.Join('\n', others.Select(ReaderLine)));
    }

    /// <summary>Deletes these permissions of the case folder and confirms with Graph that they are
    /// gone; false when Graph still lists any of them.</summary>
    private async Task<bool> RemovePermissionsAsync(CaseRecord record, IReadOnlyCollection<string> permissionIds, CancellationToken cancellationToken)
    {
        if (permissionIds.Count == 0 || record.Shared is null)
        {
            return true;
        }

        foreach (var id in permissionIds)
        {
            try
            {
                await drive.DeletePermissionAsync(record.Shared.FolderId, id, cancellationToken).ConfigureAwait(false);
            }
            catch (ODataError e) when (e.ResponseStatusCode == 404)
            {
                // Already gone at Graph: the record catches up.
            }
        }

        var remaining = await drive.PermissionsAsync(record.Shared.FolderId, cancellationToken).ConfigureAwait(false);
        return !remaining.Any(p => p.Id is not null && permissionIds.Contains(p.Id));
    }

    private string ReaderLine(FolderReader reader)
    {
        var name = PlainText.Escape(reader.Name ?? reader.Email ?? text[TextKey.AccessUnnamedReader]);
        return reader.Kind switch
        {
            FolderReadKind.Inherited => text.Format(TextKey.AccessInheritedLine, name, PlainText.Escape(reader.InheritedFrom ?? string.Empty)),
            FolderReadKind.Unrecorded => text.Format(TextKey.AccessUnrecordedLine, name, PlainText.Escape(reader.Email ?? reader.UserId ?? string.Empty)),
            _ => text.Format(TextKey.AccessOtherLine, name),
        };
    }

    private static string Quoted(IEnumerable<string> mentions) => string.Join(", ", mentions.Select(m => $"\u201c{PlainText.Escape(m)}\u201d"));

    /// <summary>What is refused before Graph is asked anything: sharing not set up, or something that is
    /// not one plain address (lists, display names, query operators).</summary>
    private async Task<string?> RefusedBeforeGraphAsync(CaseRecord record, string actor, AuditAction action, string address, CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return text[TextKey.SharingNotSetUp];
        }

        if (GraphDirectory.IsPlainAddress(address))
        {
            return null;
        }

        await AuditAsync(record, actor, action, null, AuditResult.Refused, "not-an-address", cancellationToken).ConfigureAwait(false);
        return text[TextKey.RefusedNotAnAddress];
    }

    private string Refusal(RecipientCheck check) => check.Verdict switch
    {
        RecipientVerdict.Group => text.Format(TextKey.RefusedGroup, check.Address),
        RecipientVerdict.Ambiguous => text.Format(TextKey.RefusedAmbiguous, check.Address),
        RecipientVerdict.Disabled => text.Format(TextKey.RefusedDisabled, check.Address),
        RecipientVerdict.Guest => text.Format(TextKey.RefusedGuest, check.Address),
        RecipientVerdict.External => text.Format(TextKey.RefusedExternal, check.Address),
        RecipientVerdict.Mailbox => text.Format(TextKey.RefusedMailbox, check.Address),
        RecipientVerdict.NotAnAddress => text[TextKey.RefusedNotAnAddress],
        _ => text.Format(TextKey.RefusedUnknown, check.Address),
    };

    private static bool IsOwner(CaseRecord record, RecipientCheck check)
        => new[] { check.Address, check.UserId, check.UserPrincipalName, check.Mail }
            .Any(id => id is not null && string.Equals(id, record.Owner, StringComparison.OrdinalIgnoreCase));

    /// <summary>Graph refused or could not be reached (the SDK's retry handler wraps what it gave up on
    /// in an AggregateException).</summary>
    private static bool IsGraphFailure(Exception e)
        => e is ApiException or HttpRequestException or TaskCanceledException or IOException
            || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsGraphFailure));

    private Task AuditAsync(CaseRecord record, string actor, AuditAction action, string? whom, AuditResult result, string? detail, CancellationToken cancellationToken)
        => cases.AppendAuditAsync(record.Reference, new AuditEntry(clock.GetUtcNow(), actor, action, whom, result, detail), cancellationToken);
}
