using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The summary, transfer and hold from the tab, each beside the same verb in chat: each is
/// written once, however often the page retries, with the chat's rules (the roster for a transfer,
/// <c>Retention:HoldRoles</c> for a hold), and whoever is to be told is told once each.</summary>
public sealed class WorkspaceOwnerActionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string HoldRoleId = Guid.NewGuid().ToString();

    private WorkspaceApp _workspace = null!;

    public async Task InitializeAsync() => _workspace = await WorkspaceApp.StartAsync(azurite, new Dictionary<string, string?> { ["Retention:HoldRoles:0"] = HoldRoleId });

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!["outcome"]!.GetValue<string>();

    [Fact]
    public async Task A_summary_from_the_tab_retried_and_one_from_chat_are_each_written_once_on_one_line()
    {
        var reference = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        using var tab = _workspace.Owner();
        var ownerChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OwnerId);
        var click = new { requestId = Guid.NewGuid(), text = "  shouting in team\nmeetings   " };

        var first = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/summary", click);
        var retry = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/summary", click);
        var fromTab = (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Summary;
        var tooLong = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/summary", new { requestId = Guid.NewGuid(), text = new string('x', 201) });
        var fromChat = await ownerChat.SayAsync($"Summary {reference.ToLowerInvariant()} shouting in team meetings, since march");
        var detail = JsonNode.Parse(await tab.GetStringAsync($"/api/workspace/cases/{reference}"))!;

        Assert.Equal("done", await OutcomeAsync(first));
        Assert.Equal("already", await OutcomeAsync(retry));
        Assert.Equal(HttpStatusCode.Conflict, tooLong.StatusCode);
        Assert.Equal("shouting in team meetings", fromTab);
        Assert.Contains(reference, fromChat[0], StringComparison.Ordinal);
        Assert.Equal("shouting in team meetings, since march", detail["summary"]!.GetValue<string>());
        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Equal(2, audit.Count(a => a.Action == AuditAction.Summary));
        Assert.DoesNotContain(audit, a => a.Detail?.Contains("shouting", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_transfer_from_the_tab_and_one_back_from_chat_each_hand_the_case_over_once_and_tell_the_reporter_once_each()
    {
        var reporter = new HttpChat(_workspace.App.CreateClient());
        var reference = await reporter.SubmitReportAsync();
        using var tab = _workspace.Owner();
        var otherChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OtherResponderId);
        var ownerChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OwnerId);

        // Both owners have written to the bot, so it knows where to tell them (a notice to a responder it
        // cannot reach is dropped, not kept).
        await otherChat.SayAsync("help");
        await ownerChat.SayAsync("help");
        var click = new { requestId = Guid.NewGuid(), text = $" {WorkspaceApp.OtherResponderId.ToUpperInvariant()} " };

        var notOnRoster = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", new { requestId = Guid.NewGuid(), text = "alex frm accounts" });
        var toSelf = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", new { requestId = Guid.NewGuid(), text = WorkspaceApp.OwnerId });
        var first = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", click);
        var retry = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", click);
        var ownerAfterTab = (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Owner;
        var back = await otherChat.SayAsync($"transfer {reference} to {WorkspaceApp.OwnerId}");

        Assert.Equal("not-responder", JsonNode.Parse(await notOnRoster.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        Assert.Equal("self", JsonNode.Parse(await toSelf.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        Assert.Equal("done", await OutcomeAsync(first));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("done", await OutcomeAsync(retry));
        Assert.Equal(WorkspaceApp.OtherResponderId, ownerAfterTab);
        Assert.Contains(reference, back[0], StringComparison.Ordinal);
        Assert.Equal(WorkspaceApp.OwnerId, (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Owner);
        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Equal(new[] { WorkspaceApp.OtherResponderId, WorkspaceApp.OwnerId }, audit.Where(a => a.Action == AuditAction.Transfer).Select(a => a.Whom));

        // Nothing listens at the service URLs, so the notices wait in the outbox (or are given up).
        var toOwners = await _workspace.NoticesAsync(azurite, reference, "Owner");
        Assert.Equal(1, toOwners.Count(n => n == (WorkspaceApp.OtherResponderId, "OwnerCaseTransferred")));
        Assert.Equal(1, toOwners.Count(n => n == (WorkspaceApp.OwnerId, "OwnerCaseTransferred")));
        Assert.Equal(2, (await _workspace.ReporterNoticesAsync(azurite, reference)).Count(n => n == "ReporterCaseTransferred"));
    }

    [Fact]
    public async Task The_list_shows_the_owners_summary_once_written_in_the_tab_or_in_chat_and_none_before()
    {
        var fromTab = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        var fromChat = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        using var tab = _workspace.Owner();
        var ownerChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OwnerId);
        var before = await ListedAsync(tab);

        await tab.PostAsJsonAsync($"/api/workspace/cases/{fromTab}/summary", new { requestId = Guid.NewGuid(), text = " manager  shouts in\n1:1s, wants it kept quiet " });
        await ownerChat.SayAsync($"summary {fromChat.ToLowerInvariant()} keeps cc'ing HR on evrything");
        var after = await ListedAsync(tab);

        Assert.Equal(2, before.Count);
        Assert.All(before.Values, item => Assert.Null(item["summary"]));
        Assert.Equal("manager shouts in 1:1s, wants it kept quiet", after[fromTab]["summary"]!.GetValue<string>());
        Assert.Equal("keeps cc'ing HR on evrything", after[fromChat]["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task Actions_decided_on_a_page_read_before_the_case_changed_are_refused_with_reload_and_not_applied()
    {
        var reference = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        using var tab = _workspace.Owner();
        var ownerChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OwnerId);
        var read = await VersionAsync(tab, reference);

        // Meanwhile the case changes in chat: the page still shows it as it was.
        await ownerChat.SayAsync($"note {reference} rang her back, she wants to think abt it b4 anything");
        var transfer = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", new { requestId = Guid.NewGuid(), text = WorkspaceApp.OtherResponderId, version = read });
        var hold = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/hold", new { requestId = Guid.NewGuid(), version = read });
        var close = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/close", new { requestId = Guid.NewGuid(), version = read });
        var untouched = (await _workspace.Store.GetAsync(reference, CancellationToken.None))!;
        var reloaded = await VersionAsync(tab, reference);
        var holdAfterReload = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/hold", new { requestId = Guid.NewGuid(), version = reloaded });

        Assert.Single(untouched.Notes);
        Assert.NotEqual(read, reloaded);
        foreach (var refused in new[] { transfer, hold, close })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("reload", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        }

        Assert.Equal("done", await OutcomeAsync(holdAfterReload));
        Assert.NotNull((await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Hold);
        Assert.Equal(WorkspaceApp.OwnerId, untouched.Owner);
        Assert.Equal(CaseStatus.Submitted, untouched.Status);
        Assert.Null(untouched.Hold);
        Assert.DoesNotContain(await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None), a => a.Action == AuditAction.Transfer);
    }

    [Fact]
    public async Task A_notice_to_a_new_owner_who_never_wrote_to_the_bot_is_given_up_and_not_kept_with_the_case_reference()
    {
        var reference = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        using var tab = _workspace.Owner();

        var handed = await tab.PostAsJsonAsync($"/api/workspace/cases/{reference}/transfer", new { requestId = Guid.NewGuid(), text = WorkspaceApp.OtherResponderId });

        Assert.Equal("done", await OutcomeAsync(handed));
        var givenUp = $"of case {reference} has never written to the bot, so the message could not be sent; it was given up.";
        await Eventually.UntilAsync(() => _workspace.App.Logs.Lines.Any(l => l.Contains(givenUp, StringComparison.Ordinal)));
        Assert.Contains(reference, (await _workspace.Store.ListAsync(new CaseFilter(Owner: WorkspaceApp.OtherResponderId), CancellationToken.None)).Select(c => c.Reference));
        Assert.Empty(await _workspace.NoticesAsync(azurite, reference, "Owner"));
    }

    private static async Task<string> VersionAsync(HttpClient tab, string reference)
        => JsonNode.Parse(await tab.GetStringAsync($"/api/workspace/cases/{reference}"))!["version"]!.GetValue<string>();

    private static async Task<Dictionary<string, JsonNode>> ListedAsync(HttpClient tab)
        => JsonNode.Parse(await tab.GetStringAsync("/api/workspace/cases"))!["cases"]!.AsArray().ToDictionary(c => c!["reference"]!.GetValue<string>(), c => c!);

    [Fact]
    public async Task A_hold_from_the_tab_is_put_on_once_and_released_in_chat_and_a_hold_roles_hold_stays_until_a_hold_role_releases_it()
    {
        var reference = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        using var tab = _workspace.Owner();
        using var holdRole = _workspace.Client(_workspace.Issuer.UserToken(HoldRoleId));
        var ownerChat = new HttpChat(_workspace.App.CreateClient(), WorkspaceApp.OwnerId);

        var held = await tab.PostAsync($"/api/workspace/cases/{reference}/hold", JsonContent.Create(new { requestId = Guid.NewGuid() }));
        var heldAgain = await tab.PostAsync($"/api/workspace/cases/{reference}/hold", JsonContent.Create(new { requestId = Guid.NewGuid() }));
        var heldInTab = (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Hold;
        await ownerChat.SayAsync($"release {reference}");
        var releasedInChat = (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Hold;
        var legalHold = await holdRole.PostAsync($"/api/workspace/cases/{reference}/hold", JsonContent.Create(new { requestId = Guid.NewGuid() }));
        var ownerRelease = await tab.PostAsync($"/api/workspace/cases/{reference}/release", JsonContent.Create(new { requestId = Guid.NewGuid() }));
        var stillHeld = (await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Hold;
        var holdRoleRelease = await holdRole.PostAsync($"/api/workspace/cases/{reference}/release", JsonContent.Create(new { requestId = Guid.NewGuid() }));

        Assert.Equal("done", await OutcomeAsync(held));
        Assert.Equal("already", await OutcomeAsync(heldAgain));
        Assert.Equal(HoldCapacity.Owner, heldInTab!.Capacity);
        Assert.Null(releasedInChat);
        Assert.Equal("done", await OutcomeAsync(legalHold));
        Assert.Equal("held-by-hold-role", JsonNode.Parse(await ownerRelease.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>());
        Assert.Equal(HoldCapacity.HoldRole, stillHeld!.Capacity);
        Assert.Equal("done", await OutcomeAsync(holdRoleRelease));
        Assert.Null((await _workspace.Store.GetAsync(reference, CancellationToken.None))!.Hold);
        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Equal(2, audit.Count(a => a.Action == AuditAction.Hold && a.Result == AuditResult.Done));
        Assert.Equal(new[] { AuditResult.Done, AuditResult.Refused, AuditResult.Done }, audit.Where(a => a.Action == AuditAction.Release).Select(a => a.Result));
    }
}
