using IntakeBot.Cases;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using IntakeBot.Text;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Sharing;

/// <summary>The ways a case file could reach someone it should not: people the report names, readers
/// by inheritance, grants the case lost track of, mailboxes and other organisations; and what the
/// owner's view does with what a reporter typed.</summary>
public sealed class SharingLeakTests(SharingLeakApp app) : IClassFixture<SharingLeakApp>
{
    private readonly GraphServer _graph = app.Graph;
    private readonly HttpChat _owner = new(app.Client, app.OwnerId);

    private Task<(string Reference, HttpChat Reporter)> SubmittedCaseAsync(Dictionary<string, string>? replace = null, string pasted = "see you at 5")
        => SharingLeakApp.SubmittedCaseAsync(app.Client, replace, pasted);

    private Task<CaseRecord> CaseAsync(string reference) => app.Blobs.CaseAsync(reference);

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(string reference)
        => app.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);

    private static string Folder(string reference) => $"Conduct cases/{reference}";

    [Theory]
    [InlineData("He shouted at me in the stand-up meeting", "Bob Smith, my manager, shouted at me", "Bob Smith")]
    [InlineData("My team lead", "Smith, Bob", "Smith, Bob")]
    [InlineData("Two colleagues", "robert SMITH and another", "robert SMITH")]
    [InlineData("I feel anxious before meetings", "I avoid BSMITH. now", "BSMITH")]
    [InlineData("The team's Teams meeting", "bob_smith's desk", "bob_smith")]
    [InlineData("I would like to talk to someone", "Böb   Smíth", "Böb   Smíth")]
    [InlineData("pasted", "[10:02] Bob Smith: see you at 5", "Bob Smith")]
    public async Task A_recipient_named_anywhere_in_the_report_under_any_of_their_names_is_refused_with_the_words_shown(string line, string written, string shown)
    {
        var (reference, _) = line == "pasted"
            ? await SubmittedCaseAsync(pasted: written)
            : await SubmittedCaseAsync(new() { [line] = written });
        var paths = _graph.Paths();

        var replies = await _owner.SayAsync($"share {reference} with robert.smith@contoso.test");

        Assert.Contains("is named in this report", replies[0], StringComparison.Ordinal);
        Assert.Contains($"\u201c{PlainText.Escape(shown)}\u201d", replies[0], StringComparison.Ordinal);
        Assert.Equal(paths, _graph.Paths());
        Assert.Empty((await CaseAsync(reference)).Access);
        var entry = Assert.Single(await AuditAsync(reference));
        Assert.Equal((AuditAction.Share, AuditResult.Refused, "named-in-report"), (entry.Action, entry.Result, entry.Detail));
        Assert.DoesNotContain(shown, entry.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_display_name_written_surname_first_with_accents_matches_the_report_without_them()
    {
        var (reference, _) = await SubmittedCaseAsync(new() { ["My team lead"] = "jose nunez from sales" });
        var paths = _graph.Paths();

        var replies = await _owner.SayAsync($"share {reference} with jose@contoso.test");

        Assert.Contains("\u201cjose nunez\u201d", replies[0], StringComparison.Ordinal);
        Assert.Equal(paths, _graph.Paths());
    }

    [Fact]
    public async Task A_name_inside_a_longer_word_is_not_a_match()
    {
        var (reference, _) = await SubmittedCaseAsync(new() { ["My team lead"] = "Alex from finance, and Jonesy" });

        var replies = await _owner.SayAsync($"share {reference} with al@contoso.test");

        Assert.StartsWith("Al Jones can now read", replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_addition_that_names_a_grantee_takes_their_access_away_before_the_refreshed_file_is_uploaded()
    {
        var (reference, reporter) = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");
        await _owner.SayAsync($"share {reference} with sam@contoso.test");

        await reporter.SayAllAsync($"add to {reference}", "Then ALEX. joined in and laughed", "done");

        Assert.Equal(["sam@contoso.test"], _graph.PermissionEmails(Folder(reference)));
        Assert.Equal(["u-sam"], (await CaseAsync(reference)).Access.Select(g => g.UserId));
        var withheld = Assert.Single(await AuditAsync(reference), a => a.Action == AuditAction.RefreshWithheld);
        Assert.Equal(("alex@contoso.test", AuditResult.Removed, "named-in-report"), (withheld.Whom, withheld.Result, withheld.Detail));
        var audit = await AuditAsync(reference);
        Assert.True(audit.ToList().IndexOf(withheld) < audit.ToList().FindLastIndex(a => a.Action == AuditAction.CaseFileUpload), "access is taken away before the refreshed file goes up");
        var access = await _owner.SayAsync($"access {reference}");
        Assert.Contains("Access removed because what was added later names them", access[0], StringComparison.Ordinal);
        Assert.Contains("alex@contoso.test", access[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_names_a_grantee_takes_their_access_away_before_the_refreshed_file_is_uploaded()
    {
        var (reference, reporter) = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");
        await _owner.SayAsync($"share {reference} with sam@contoso.test");
        await _owner.SayAsync($"message {reference} confirm Was anyone else there when it happened?");

        var replied = await reporter.SayAsync($"reply {reference} yes alex kim saw the hole thing");

        Assert.StartsWith($"Your reply is saved in {reference}", replied[0], StringComparison.Ordinal);
        Assert.Equal(["sam@contoso.test"], _graph.PermissionEmails(Folder(reference)));
        var audit = (await AuditAsync(reference)).ToList();
        var withheld = Assert.Single(audit, a => a.Action == AuditAction.RefreshWithheld);
        Assert.Equal(("alex@contoso.test", AuditResult.Removed, "named-in-report"), (withheld.Whom, withheld.Result, withheld.Detail));
        Assert.True(audit.IndexOf(withheld) < audit.FindLastIndex(a => a.Action == AuditAction.CaseFileUpload && a.Result == AuditResult.Uploaded), "access is taken away before the refreshed file goes up");
    }

    [Fact]
    public async Task A_case_folder_readable_by_inheritance_is_never_shared_and_nothing_is_uploaded()
    {
        await using var graph = await SharingLeakApp.NewGraphAsync();
        await using var own = new BotApp(app.Azurite, app.SettingsFor(graph));
        var (reference, _) = await SharingLeakApp.SubmittedCaseAsync(own.CreateClient());
        graph.AddInheritedReader("Conduct cases", "Contoso Members");

        var replies = await new HttpChat(own.CreateClient(), app.OwnerId).SayAsync($"share {reference} with alex@contoso.test");

        Assert.StartsWith($"I didn't share {reference}", replies[0], StringComparison.Ordinal);
        Assert.Contains("Contoso Members", replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain(graph.Paths(), p => p.Contains(reference, StringComparison.Ordinal));
        Assert.Empty((await new CaseBlobs(app.Azurite, own).CaseAsync(reference)).Access);
        var entry = Assert.Single(await own.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None));
        Assert.Equal((AuditAction.Share, AuditResult.Refused, "inherited-readers"), (entry.Action, entry.Result, entry.Detail));
    }

    [Fact]
    public async Task A_folder_that_gains_an_inherited_reader_after_the_first_share_is_not_shared_again_and_access_says_who_reads_it()
    {
        await using var graph = await SharingLeakApp.NewGraphAsync();
        await using var own = new BotApp(app.Azurite, app.SettingsFor(graph));
        var owner = new HttpChat(own.CreateClient(), app.OwnerId);
        var (reference, _) = await SharingLeakApp.SubmittedCaseAsync(own.CreateClient());
        await owner.SayAsync($"share {reference} with alex@contoso.test");
        graph.AddInheritedReader(string.Empty, "Site Owners", role: "owner");

        var refused = await owner.SayAsync($"share {reference} with sam@contoso.test");
        var access = await owner.SayAsync($"access {reference}");

        Assert.StartsWith($"I didn't share {reference}", refused[0], StringComparison.Ordinal);
        Assert.Equal(["alex@contoso.test"], graph.PermissionEmails(Folder(reference)));
        Assert.Contains("Alex Kim (alex@contoso.test)", access[0], StringComparison.Ordinal);
        Assert.Contains("Site Owners, through the permissions of", access[0], StringComparison.Ordinal);
        Assert.Contains(await own.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), a => a is { Action: AuditAction.Share, Whom: "sam@contoso.test", Result: AuditResult.Refused, Detail: "inherited-readers" });
    }

    [Fact]
    public async Task A_grant_to_a_upn_whose_mail_differs_is_revoked_by_that_upn()
    {
        var (reference, _) = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with pat@contoso.test");

        var replies = await _owner.SayAsync($"revoke {reference} from pat@contoso.test");

        Assert.StartsWith("Pat Lee can no longer read", replies[0], StringComparison.Ordinal);
        Assert.Empty(_graph.PermissionEmails(Folder(reference)));
        Assert.Empty((await CaseAsync(reference)).Access);
    }

    [Fact]
    public async Task A_grant_graph_holds_that_the_case_did_not_record_is_shown_by_access_and_revoked_by_address()
    {
        var (reference, _) = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");
        _graph.AddUserPermission(Folder(reference), "u-sam");

        var access = await _owner.SayAsync($"access {reference}");
        var revoked = await _owner.SayAsync($"revoke {reference} from sam@contoso.test");

        Assert.Contains("Sam Rivera (sam@contoso.test), a grant this case didn't record", access[0], StringComparison.Ordinal);
        Assert.StartsWith("Sam Rivera can no longer read", revoked[0], StringComparison.Ordinal);
        Assert.Equal(["alex@contoso.test"], _graph.PermissionEmails(Folder(reference)));
        Assert.Equal(["u-alex"], (await CaseAsync(reference)).Access.Select(g => g.UserId));
    }

    [Theory]
    [InlineData("hr-inbox@contoso.test", "hr-inbox@contoso.test is a shared, room or equipment mailbox", "Mailbox")]
    [InlineData("room-4@contoso.test", "room-4@contoso.test is a shared, room or equipment mailbox", "Mailbox")]
    [InlineData("beamer@contoso.test", "beamer@contoso.test is a shared, room or equipment mailbox", "Mailbox")]
    [InlineData("kim@fabrikam.test", "kim@fabrikam.test is an account of another organisation", "External")]
    public async Task Shared_room_and_equipment_mailboxes_and_members_of_other_organisations_are_refused(string address, string answer, string detail)
    {
        var reference = await app.UnsharedCaseAsync();
        var paths = _graph.Paths();
        var audited = (await AuditAsync(reference)).Count;

        var replies = await _owner.SayAsync($"share {reference} with {address}");

        Assert.StartsWith(answer, replies[0], StringComparison.Ordinal);
        Assert.Equal(paths, _graph.Paths());
        var entry = Assert.Single((await AuditAsync(reference)).Skip(audited));
        Assert.Equal((AuditResult.Refused, detail), (entry.Result, entry.Detail));
    }

    [Fact]
    public async Task A_member_of_another_organisation_can_be_given_access_where_guests_are_allowed()
    {
        await using var guestsAllowed = new BotApp(app.Azurite, app.SettingsFor(_graph, allowGuests: true));
        var (reference, _) = await SharingLeakApp.SubmittedCaseAsync(guestsAllowed.CreateClient());

        var replies = await new HttpChat(guestsAllowed.CreateClient(), app.OwnerId).SayAsync($"share {reference} with kim@fabrikam.test");

        Assert.StartsWith("Kim Partner can now read", replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewing_a_case_and_listing_its_access_are_audited_and_the_card_shows_the_view()
    {
        var (reference, _) = await SubmittedCaseAsync();

        await _owner.SayAsync($"access {reference}");
        var card = await _owner.ShownAsync($"case {reference}");

        var audit = await AuditAsync(reference);
        Assert.Equal(["access listed", "view shown"], audit.Select(a => $"{a.Action.ToStoredName()} {a.Result.ToStoredName()}"));
        Assert.All(audit, a => Assert.Equal(app.OwnerId, a.By));
        Assert.Contains(" view shown", card[0], StringComparison.Ordinal);
        Assert.Contains(" access listed", card[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_formatting_and_mentions_a_reporter_typed_show_as_plain_text_in_the_owners_card()
    {
        const string Hostile = "[open the file](https://evil.test/x) **urgent** <at>Alex Kim</at> see https://evil.test and www.evil.test";
        var (reference, reporter) = await SubmittedCaseAsync(new() { ["He shouted at me in the stand-up meeting"] = Hostile });
        await reporter.SayAllAsync($"add to {reference}", "[more](https://evil.test/more)", "done");

        var response = await _owner.PostAsync(_owner.Next($"case {reference}"));
        var reply = (JObject)JObject.Parse(await response.Content.ReadAsStringAsync())["activities"]![0]!;

        var shown = string.Join("\n", reply.SelectTokens("$..text").Select(t => t.ToString()));
        Assert.Contains("open the file", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("](", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("**urgent**", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<at>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("www.evil", shown, StringComparison.Ordinal);
        Assert.Contains(Hostile, (await CaseAsync(reference)).Answers.WhatHappened);
    }
}
