using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Lifecycle;

/// <summary>The owner's status, note and retention commands over HTTP, against Azurite.</summary>
public sealed class LifecycleCommandTests(LifecycleCommandApp app) : IClassFixture<LifecycleCommandApp>
{
    private const string NotFound = "I couldn't find a case with that reference among the cases you own.";
    private readonly BotApp _app = app.App;
    private readonly HttpChat _owner = new(app.Client, app.OwnerId);

    private async Task<(string Reference, HttpChat Reporter)> SubmittedCaseAsync()
    {
        var reporter = new HttpChat(_app.CreateClient());
        return (await reporter.SubmitReportAsync(), reporter);
    }

    private Task<CaseRecord> CaseAsync(string reference) => app.Blobs.CaseAsync(reference);

    private async Task<IDictionary<string, string>> TagsAsync(string reference)
        => (await app.Blobs.Cases.GetBlobClient($"{reference}/case.json").GetTagsAsync()).Value.Tags;

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(string reference)
        => _app.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);

    [Fact]
    public async Task Acknowledge_then_close_after_confirmation_shows_the_reporter_received_then_closed()
    {
        var (reference, reporter) = await SubmittedCaseAsync();
        Assert.Contains("received", string.Join("\n", await reporter.SayAsync("my reports")), StringComparison.Ordinal);

        var acknowledged = await _owner.SayAsync($"Acknowledge {reference.ToLowerInvariant()}");
        var lookedAt = await reporter.SayAsync("my reports");
        var asked = await _owner.SayAsync($"close {reference}");
        var afterAsking = await CaseAsync(reference);
        var closed = await _owner.SayAsync($"close {reference} confirm");
        var seenClosed = await reporter.SayAsync("my reports");
        var card = await _owner.ShownAsync($"case {reference}");

        Assert.Equal($"{reference} is now marked acknowledged. This is recorded in its audit log.", acknowledged[0]);
        Assert.Contains($"{reference}**, ", lookedAt[0], StringComparison.Ordinal);
        Assert.Contains("being looked at", lookedAt[0], StringComparison.Ordinal);
        Assert.Contains($"close {reference} confirm", asked[0], StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Acknowledged, afterAsking.Status);
        Assert.Null(afterAsking.ClosedAt);
        Assert.Equal($"{reference} is now marked closed. This is recorded in its audit log.", closed[0]);
        Assert.EndsWith("closed", seenClosed[0].Split('\n').Single(l => l.Contains(reference, StringComparison.Ordinal)), StringComparison.Ordinal);

        var record = await CaseAsync(reference);
        Assert.Equal(CaseStatus.Closed, record.Status);
        Assert.NotNull(record.ClosedAt);
        Assert.Equal([CaseStatus.Acknowledged, CaseStatus.Closed], record.StatusHistory.Select(c => c.Status));
        Assert.All(record.StatusHistory, c => Assert.Equal(_owner.AadObjectId, c.By));
        Assert.Equal(["acknowledged", "closed"], (await AuditAsync(reference)).Where(a => a.Action == AuditAction.Status).Select(a => a.Detail));
        Assert.Contains("due to be deleted on", card[0], StringComparison.Ordinal);
        Assert.Contains("Status history:", card[0], StringComparison.Ordinal);
        Assert.True((await TagsAsync(reference)).ContainsKey(RetentionTags.ExpiresOn));

        var again = await _owner.SayAsync($"review {reference}");
        Assert.StartsWith($"{reference} is closed, so its status doesn't change any more.", again[0], StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Closed, (await CaseAsync(reference)).Status);
    }

    [Fact]
    public async Task A_note_is_shown_to_the_owner_and_never_to_the_reporter_or_the_audit_log()
    {
        var (reference, reporter) = await SubmittedCaseAsync();
        const string canary = "canary-note-5d1e";

        var noted = await _owner.SayAsync($"note {reference} called back {canary}");
        var card = await _owner.ShownAsync($"case {reference}");
        var mine = await reporter.SayAsync("my reports");
        var empty = await _owner.SayAsync($"note {reference}");
        var tooLong = await _owner.SayAsync($"note {reference} {new string('x', 5_000)}");
        var pasted = await _owner.SayAsync($"note {reference} {new string('x', 30_000)}");

        Assert.Equal($"Note added to {reference}. It's internal: the reporter never sees it.", noted[0]);
        Assert.Contains($"called back {canary}", card[0], StringComparison.Ordinal);
        Assert.Contains("never shown to the reporter", card[0], StringComparison.Ordinal);
        Assert.DoesNotContain(canary, string.Join("\n", mine), StringComparison.Ordinal);
        Assert.StartsWith("To add an internal note", empty[0], StringComparison.Ordinal);
        Assert.StartsWith("That note is longer than 4000 characters", tooLong[0], StringComparison.Ordinal);
        Assert.StartsWith("That message is longer than I can keep", pasted[0], StringComparison.Ordinal);

        var record = await CaseAsync(reference);
        Assert.Equal([$"called back {canary}"], record.Notes.Select(n => n.Text));
        Assert.Equal(CaseStatus.Submitted, record.Status);
        var audit = await AuditAsync(reference);
        Assert.Single(audit, a => a.Action == AuditAction.Note);
        Assert.DoesNotContain(audit, a => $"{a.Whom} {a.Detail} {a.Result}".Contains(canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_else_gets_the_not_found_answer_for_every_lifecycle_and_retention_command_and_changes_nothing()
    {
        var (reference, reporter) = await SubmittedCaseAsync();
        var other = new HttpChat(_app.CreateClient(), app.OtherResponderId);
        var before = await app.Blobs.RawCaseJsonAsync(reference);

        foreach (var chat in new[] { other, reporter })
        {
            foreach (var command in new[] { "acknowledge", "review", "close", "close {0} confirm", "note {0} mine now", "hold", "release" })
            {
                var said = command.Contains("{0}", StringComparison.Ordinal) ? string.Format(System.Globalization.CultureInfo.InvariantCulture, command, reference) : $"{command} {reference}";
                Assert.Equal(NotFound, (await chat.SayAsync(said))[0]);
            }
        }

        Assert.Equal(before, await app.Blobs.RawCaseJsonAsync(reference));
        Assert.Equal(NotFound, (await _owner.SayAsync("acknowledge IR-00000000"))[0]);
    }

    [Fact]
    public async Task Hold_on_a_closed_case_removes_its_expiry_and_release_brings_it_back()
    {
        var (reference, _) = await SubmittedCaseAsync();
        await _owner.SayAsync($"close {reference} confirm");
        Assert.True((await TagsAsync(reference)).ContainsKey(RetentionTags.ExpiresOn));

        var held = await _owner.SayAsync($"hold {reference}");
        var heldAgain = await _owner.SayAsync($"HOLD {reference.ToLowerInvariant()}");
        var card = await _owner.ShownAsync($"case {reference}");
        var heldTags = await TagsAsync(reference);
        var released = await _owner.SayAsync($"release {reference}");
        var notHeld = await _owner.SayAsync($"release {reference}");

        Assert.StartsWith($"{reference} is now on legal hold.", held[0], StringComparison.Ordinal);
        Assert.Equal($"{reference} is already on legal hold.", heldAgain[0]);
        Assert.Contains("On legal hold since", card[0], StringComparison.Ordinal);
        Assert.False(heldTags.ContainsKey(RetentionTags.ExpiresOn));
        Assert.StartsWith($"{reference} is no longer on legal hold", released[0], StringComparison.Ordinal);
        Assert.Equal($"{reference} isn't on legal hold.", notHeld[0]);
        Assert.True((await TagsAsync(reference)).ContainsKey(RetentionTags.ExpiresOn));
        Assert.Equal([AuditAction.Hold, AuditAction.Release], (await AuditAsync(reference)).Where(a => a.Action is AuditAction.Hold or AuditAction.Release).Select(a => a.Action));
        Assert.StartsWith("To put a case on legal hold", (await _owner.SayAsync("hold"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hold_put_on_by_the_legal_hold_role_is_not_released_by_the_owner_and_closing_says_it_is_held()
    {
        var (reference, _) = await SubmittedCaseAsync();
        var legal = new HttpChat(_app.CreateClient(), app.HoldRoleId);

        var held = await legal.SayAsync($"hold {reference}");
        var ownerRelease = await _owner.SayAsync($"Release {reference.ToLowerInvariant()}");
        var askedToClose = await _owner.SayAsync($"close {reference}");
        await _owner.SayAsync($"close {reference} confirm");
        var card = await _owner.ShownAsync($"case {reference}");
        var stillHeld = await CaseAsync(reference);
        var heldTags = await TagsAsync(reference);
        var legalRelease = await legal.SayAsync($"release {reference}");

        Assert.StartsWith($"{reference} is now on legal hold.", held[0], StringComparison.Ordinal);
        Assert.StartsWith($"{reference} stays on legal hold: it was put on by someone with the legal hold role", ownerRelease[0], StringComparison.Ordinal);
        Assert.Contains($"{reference} is on legal hold: once closed, it is kept past its retention period until the hold is released.", askedToClose[0], StringComparison.Ordinal);
        Assert.Contains("put on by someone with the legal hold role", card[0], StringComparison.Ordinal);
        Assert.Equal(new CaseHold(app.HoldRoleId, stillHeld.Hold!.At, HoldCapacity.HoldRole), stillHeld.Hold);
        Assert.False(heldTags.ContainsKey(RetentionTags.ExpiresOn));
        Assert.StartsWith($"{reference} is no longer on legal hold", legalRelease[0], StringComparison.Ordinal);
        Assert.Null((await CaseAsync(reference)).Hold);
        Assert.True((await TagsAsync(reference)).ContainsKey(RetentionTags.ExpiresOn));
        var audit = (await AuditAsync(reference)).Where(a => a.Action is AuditAction.Hold or AuditAction.Release).Select(a => (a.By, a.Action, a.Result, a.Detail));
        Assert.Equal(
            [(app.HoldRoleId, AuditAction.Hold, AuditResult.Done, HoldCapacity.HoldRole), (app.OwnerId, AuditAction.Release, AuditResult.Refused, HoldCapacity.Owner), (app.HoldRoleId, AuditAction.Release, AuditResult.Done, HoldCapacity.HoldRole)],
            audit);
    }

    [Fact]
    public async Task The_legal_hold_role_takes_over_an_owners_hold_which_the_owner_then_cannot_release()
    {
        var (reference, _) = await SubmittedCaseAsync();
        await _owner.SayAsync($"hold {reference}");

        var taken = await new HttpChat(_app.CreateClient(), app.HoldRoleId).SayAsync($"hold {reference}");
        var ownerRelease = await _owner.SayAsync($"release {reference}");

        Assert.StartsWith($"{reference} is now on legal hold.", taken[0], StringComparison.Ordinal);
        Assert.StartsWith($"{reference} stays on legal hold", ownerRelease[0], StringComparison.Ordinal);
        Assert.Equal(HoldCapacity.HoldRole, (await CaseAsync(reference)).Hold!.Capacity);
    }

    [Fact]
    public async Task Deleted_tells_the_owner_when_their_case_went_and_tells_anyone_else_nothing()
    {
        const string reference = "IR-7KQ2M9XD";
        var deletedAt = new DateTimeOffset(2026, 3, 4, 5, 6, 0, TimeSpan.Zero);
        var tombstones = _app.Services.GetRequiredService<Tombstones>();
        await tombstones.AppendAsync(
            new Tombstone(Guid.NewGuid().ToString("N"), reference, "case", deletedAt.AddDays(-400), deletedAt.AddDays(-365), deletedAt, DeletedBy.Sweeper, 4, 0, 1, true, tombstones.OwnerHash(app.OwnerId)),
            CancellationToken.None);

        var owner = await _owner.SayAsync($"deleted {reference.ToLowerInvariant()}");
        var other = await new HttpChat(_app.CreateClient(), app.OtherResponderId).SayAsync($"deleted {reference}");

        Assert.Equal($"{reference} was deleted on 2026-03-04 05:06 UTC, when its retention period ended.", owner[0]);
        Assert.StartsWith("I have no record of a deletion", other[0], StringComparison.Ordinal);
    }
}
