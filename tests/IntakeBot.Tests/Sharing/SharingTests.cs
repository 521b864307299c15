using DocumentFormat.OpenXml.Packaging;
using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static IntakeBot.Tests.Infrastructure.Eventually;

namespace IntakeBot.Tests.Sharing;

public sealed class SharingTests(SharingApp app) : IClassFixture<SharingApp>
{
    private const string Label = SharingApp.Label;

    private readonly GraphServer _graph = app.Graph;
    private readonly HttpChat _owner = new(app.Client, app.OwnerId);

    private string OwnerId => app.OwnerId;

    private Task<string> SubmittedCaseAsync(string whoWasInvolved = "My team lead", JObject? file = null) => app.SubmittedCaseAsync(whoWasInvolved, file);

    private Task<CaseRecord> CaseAsync(string reference) => app.Blobs.CaseAsync(reference);

    private Task<IReadOnlyList<AuditEntry>> AuditAsync(string reference)
        => app.App.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None);

    private static string Folder(string reference) => $"Conduct cases/{reference}";

    [Fact]
    public async Task Share_then_revoke_leaves_exactly_the_other_grant_in_graph_and_in_the_case()
    {
        var reference = await SubmittedCaseAsync();

        var alex = await _owner.SayAsync($"share {reference} with alex@contoso.test");
        var sam = await _owner.SayAsync($"SHARE {reference.ToLowerInvariant()} WITH sam@contoso.test");
        var both = await _owner.SayAsync($"access {reference}");
        var revoked = await _owner.SayAsync($"revoke {reference} from alex@contoso.test");

        Assert.StartsWith("Alex Kim can now read the case file", alex[0], StringComparison.Ordinal);
        Assert.StartsWith("Sam Rivera can now read", sam[0], StringComparison.Ordinal);
        Assert.Contains("alex@contoso.test", both[0], StringComparison.Ordinal);
        Assert.Contains("sam@contoso.test", both[0], StringComparison.Ordinal);
        Assert.StartsWith("Alex Kim can no longer read", revoked[0], StringComparison.Ordinal);
        Assert.Equal(["sam@contoso.test"], _graph.PermissionEmails(Folder(reference)));
        var record = await CaseAsync(reference);
        Assert.Equal(["u-sam"], record.Access.Select(g => g.UserId));
        var audit = await AuditAsync(reference);
        Assert.Equal(["case-file-upload granted", "case-file-upload granted", "access listed", "revoke removed"], audit.Where(a => a.Action != AuditAction.Share).Select(a => $"{a.Action.ToStoredName()} {a.Result.ToStoredName()}").Select(s => s.Replace("uploaded", "granted", StringComparison.Ordinal)));
        Assert.Equal(["alex@contoso.test", "sam@contoso.test"], audit.Where(a => a.Action == AuditAction.Share && a.Result == AuditResult.Granted).Select(a => a.Whom));
        Assert.All(audit, a => Assert.Equal(OwnerId, a.By));
        Assert.Contains(_graph.Requests, r => r.StartsWith("POST /v1.0/drives/drive-1/items/", StringComparison.Ordinal) && r.EndsWith("/invite", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sharing_past_the_cases_access_limit_is_refused_saying_so_and_everyone_keeps_their_access()
    {
        await using var limited = new BotApp(app.Azurite, new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = OwnerId,
            ["Intake:Responders:0"] = OwnerId,
            ["Sharing:DriveId"] = GraphServer.DriveId,
            ["Sharing:GraphBaseUrl"] = _graph.BaseUrl,
            ["Sharing:Credential"] = "None",
            ["Sharing:FolderPath"] = "Conduct cases",
            ["Sharing:SensitivityLabelId"] = Label,
            ["Limits:PeoplePerCase"] = "2",
        });
        var owner = new HttpChat(limited.CreateClient(), OwnerId);
        var reporter = new HttpChat(limited.CreateClient());
        var reference = await reporter.SubmitReportAsync();
        await owner.SayAllAsync($"share {reference} with alex@contoso.test", $"share {reference} with sam@contoso.test");

        var third = await owner.SayAsync($"share {reference} with chris@contoso.test");

        Assert.StartsWith($"{reference} is already shared with 2 people", third[0], StringComparison.Ordinal);
        Assert.Equal(["u-alex", "u-sam"], (await new CaseBlobs(app.Azurite, limited).CaseAsync(reference)).Access.Select(g => g.UserId));
        Assert.DoesNotContain("chris@contoso.test", _graph.PermissionEmails(Folder(reference)));
        Assert.Contains(await limited.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None), e => e.Result == AuditResult.Refused && e.Detail == "access-limit");

        // Taking one away makes room.
        await owner.SayAsync($"revoke {reference} from sam@contoso.test");
        Assert.StartsWith("Chris Doe can now read the case file", (await owner.SayAsync($"share {reference} with chris@contoso.test"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shared_case_file_opens_as_a_word_document_with_the_banner_the_answers_and_the_hashes_and_carries_the_label()
    {
        var reference = await SubmittedCaseAsync();

        await _owner.SayAsync($"share {reference} with alex@contoso.test");

        var path = $"{Folder(reference)}/{reference}-case-file.docx";
        using var document = WordprocessingDocument.Open(new MemoryStream(_graph.FileContent(path)!), false);
        var body = document.MainDocumentPart!.Document.Body!.InnerText;
        var header = document.MainDocumentPart.HeaderParts.Single().Header.InnerText;
        var footer = document.MainDocumentPart.FooterParts.Single().Footer.InnerText;
        var record = await CaseAsync(reference);
        Assert.Equal("HIGHLY CONFIDENTIAL", header);
        Assert.Equal("HIGHLY CONFIDENTIAL", footer);
        Assert.Contains(reference, body, StringComparison.Ordinal);
        Assert.Contains("He shouted at me in the stand-up meeting", body, StringComparison.Ordinal);
        Assert.Contains("I feel anxious before meetings", body, StringComparison.Ordinal);
        Assert.Contains(Assert.Single(record.Evidence).Sha256, body, StringComparison.Ordinal);
        Assert.Equal(Label, _graph.Label(path));
        Assert.NotNull(_graph.FileContent($"{Folder(reference)}/evidence/001-pasted-text.txt"));
    }

    [Fact]
    public async Task The_shared_case_file_names_the_owner_as_the_directory_does_and_quotes_the_pasted_text()
    {
        _graph.AddUser(OwnerId, "lee@contoso.test", "Lee Park");
        var reference = await SubmittedCaseAsync();

        await _owner.SayAsync($"share {reference} with alex@contoso.test");

        using var document = WordprocessingDocument.Open(new MemoryStream(_graph.FileContent($"{Folder(reference)}/{reference}-case-file.docx")!), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var owner = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().First(r => r.InnerText.StartsWith("Owner", StringComparison.Ordinal));
        Assert.Equal("OwnerLee Park", owner.InnerText);
        Assert.DoesNotContain(OwnerId, body.InnerText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\u201ca pasted chat line: see you at 5\u201d", body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    [Fact]
    public async Task Evidence_over_4_mb_goes_to_the_drive_through_an_upload_session_byte_for_byte()
    {
        var big = new byte[5 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        "%PDF-1.7"u8.CopyTo(big);
        await using var files = await FileServer.StartAsync();
        var reference = await SubmittedCaseAsync(file: HttpChat.UploadedFile("big.pdf", files.Serve("big.pdf", big, "application/pdf")));
        var sessions = _graph.UploadSessionsCompleted;

        await _owner.SayAsync($"share {reference} with alex@contoso.test");

        Assert.Equal(sessions + 1, _graph.UploadSessionsCompleted);
        Assert.Equal(big.Length, _graph.FileContent($"{Folder(reference)}/evidence/002-big.pdf")!.Length);
        Assert.Equal(big, _graph.FileContent($"{Folder(reference)}/evidence/002-big.pdf"));
    }

    [Theory]
    [InlineData("team@contoso.test", "team@contoso.test is a group; access is given to individual people only.", "Group")]
    [InlineData("sec@contoso.test", "sec@contoso.test is a group; access is given to individual people only.", "Group")]
    [InlineData("nobody@contoso.test", "I couldn't find anyone with the address nobody@contoso.test", "Unknown")]
    [InlineData("guest@partner.test", "guest@partner.test is a guest account", "Guest")]
    [InlineData("old@contoso.test", "The account old@contoso.test is disabled.", "Disabled")]
    public async Task Groups_unknown_addresses_guests_and_disabled_accounts_are_refused_and_audited(string address, string answer, string detail)
    {
        var reference = await app.UnsharedCaseAsync();
        var audited = (await AuditAsync(reference)).Count;

        var replies = await _owner.SayAsync($"share {reference} with {address}");

        Assert.StartsWith(answer, replies[0], StringComparison.Ordinal);
        Assert.Empty(_graph.PermissionEmails(Folder(reference)));
        Assert.Empty((await CaseAsync(reference)).Access);
        var entry = Assert.Single((await AuditAsync(reference)).Skip(audited));
        Assert.Equal((AuditAction.Share, address, AuditResult.Refused, detail), (entry.Action, entry.Whom, entry.Result, entry.Detail));
    }

    [Fact]
    public async Task An_address_known_only_as_mail_or_proxy_address_resolves_to_its_one_user()
    {
        var reference = await SubmittedCaseAsync();

        var replies = await _owner.SayAsync($"share {reference} with jo@contoso.test");

        Assert.StartsWith("Jo Smith can now read", replies[0], StringComparison.Ordinal);
        Assert.Equal("u-jo", Assert.Single((await CaseAsync(reference)).Access).UserId);
    }

    [Theory]
    [InlineData("chris@contoso.test")]
    [InlineData("Chris.Doe@contoso.test")]
    public async Task A_person_named_in_the_report_never_gets_access_to_it(string address)
    {
        var reference = await SubmittedCaseAsync(whoWasInvolved: "Chris Doe from finance");

        var replies = await _owner.SayAsync($"share {reference} with {address}");

        Assert.Contains("is named in this report", replies[0], StringComparison.Ordinal);
        Assert.Empty(_graph.PermissionEmails(Folder(reference)));
        Assert.Equal("named-in-report", Assert.Single(await AuditAsync(reference)).Detail);
    }

    [Fact]
    public async Task Someone_who_does_not_own_the_case_learns_nothing_and_changes_nothing()
    {
        var reference = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");
        var before = await app.Blobs.RawCaseJsonAsync(reference);
        var stranger = new HttpChat(app.Client);
        var unknown = await stranger.SayAsync("case IR-ZZZZZZZZ");
        var requestsBefore = _graph.Requests.Count;

        string[] commands = [$"case {reference}", $"access {reference}", $"share {reference} with sam@contoso.test", $"revoke {reference} from alex@contoso.test"];
        foreach (var command in commands)
        {
            Assert.Equal(unknown, await stranger.SayAsync(command));
        }

        Assert.Equal("You don't own any cases at the moment.", (await stranger.SayAsync("cases"))[0]);
        Assert.Equal(before, await app.Blobs.RawCaseJsonAsync(reference));
        Assert.Equal(requestsBefore, _graph.Requests.Count);
        Assert.Equal(["alex@contoso.test"], _graph.PermissionEmails(Folder(reference)));
    }

    [Fact]
    public async Task A_throttled_request_is_retried_after_the_time_graph_asks_for_and_the_share_succeeds()
    {
        var reference = await SubmittedCaseAsync();
        _graph.ThrottleNextRequest();

        var replies = await _owner.SayAsync($"share {reference} with alex@contoso.test");

        Assert.StartsWith("Alex Kim can now read", replies[0], StringComparison.Ordinal);
        Assert.Equal(["alex@contoso.test"], _graph.PermissionEmails(Folder(reference)));
    }

    [Fact]
    public async Task When_graph_is_down_the_owner_is_told_and_no_grant_is_half_recorded()
    {
        var reference = await SubmittedCaseAsync();
        _graph.Down = true;

        var replies = await _owner.SayAsync($"share {reference} with alex@contoso.test");

        _graph.Down = false;
        Assert.StartsWith("I couldn't reach Microsoft Graph just now, so nothing was changed", replies[0], StringComparison.Ordinal);
        Assert.Empty((await CaseAsync(reference)).Access);
        Assert.Equal(AuditResult.Failed, Assert.Single(await AuditAsync(reference)).Result);
        Assert.StartsWith("Alex Kim can now read", (await _owner.SayAsync($"share {reference} with alex@contoso.test"))[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("share {0} with", "To share a case file, type **share**")]
    [InlineData("share {0}", "To share a case file, type **share**")]
    [InlineData("share", "To share a case file, type **share**")]
    [InlineData("share {0} with alex@contoso.test sam@contoso.test", "That doesn't look like one e-mail address")]
    [InlineData("share {0} with alex@contoso.test;sam@contoso.test", "That doesn't look like one e-mail address")]
    [InlineData("share {0} with Alex Kim", "That doesn't look like one e-mail address")]
    [InlineData("share {0} with alex@contoso.test' or 1 eq 1", "That doesn't look like one e-mail address")]
    [InlineData("share {0} with x' or mail ne '@contoso.test", "That doesn't look like one e-mail address")]
    [InlineData("share IR-123 with alex@contoso.test", "I couldn't find a case with that reference")]
    [InlineData("revoke {0} from sam@contoso.test", "sam@contoso.test doesn't have access to")]
    [InlineData("revoke {0} from", "To take access away, type **revoke**")]
    public async Task Odd_share_and_revoke_commands_get_a_clear_answer_and_nothing_is_shared(string command, string answer)
    {
        var reference = await app.UnsharedCaseAsync();

        var replies = await _owner.SayAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, reference));

        Assert.StartsWith(answer, replies[0], StringComparison.Ordinal);
        Assert.Empty(_graph.PermissionEmails(Folder(reference)));
        Assert.DoesNotContain(_graph.Requests, r => r.Contains("filter", StringComparison.OrdinalIgnoreCase) && r.Contains("1 eq 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_owner_cannot_revoke_themselves_and_sharing_with_themselves_changes_nothing()
    {
        var reference = await SubmittedCaseAsync();
        _graph.AddUser(OwnerId, "owner.person@contoso.test", "Owner Person");

        var self = await _owner.SayAsync($"share {reference} with owner.person@contoso.test");
        var revokeSelf = await _owner.SayAsync($"revoke {reference} from {OwnerId}@contoso.test");

        Assert.StartsWith("You own", self[0], StringComparison.Ordinal);
        Assert.Contains("doesn't have access", revokeSelf[0], StringComparison.Ordinal);
        Assert.Empty(_graph.PermissionEmails(Folder(reference)));
    }

    [Fact]
    public async Task Cases_lists_what_the_owner_owns_and_case_shows_answers_access_and_the_latest_audit()
    {
        var reference = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");

        var cases = await _owner.SayAsync("cases");
        var card = await _owner.ShownAsync($"case {reference}");

        Assert.Contains($"**{reference}**, self-report", cases[0], StringComparison.Ordinal);
        Assert.Contains("1 with access", cases[0], StringComparison.Ordinal);
        Assert.Contains("Alex Kim", card[0], StringComparison.Ordinal);
        Assert.Contains("share alex@contoso.test granted", card[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_says_when_graph_shows_a_permission_the_case_did_not_give()
    {
        var reference = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");
        _graph.AddForeignPermission(Folder(reference), "someone@elsewhere.test");

        var replies = await _owner.SayAsync($"access {reference}");

        Assert.Contains("Alex Kim (alex@contoso.test)", replies[0], StringComparison.Ordinal);
        Assert.Contains("Someone Elsewhere (someone@elsewhere.test), a grant this case didn't record", replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_to_a_shared_case_refreshes_the_case_file()
    {
        var reporter = new HttpChat(app.Client);
        var reference = await reporter.SubmitReportAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");

        await reporter.SayAllAsync($"add to {reference}", "It happened once more on Friday", "done");

        using var document = WordprocessingDocument.Open(new MemoryStream(_graph.FileContent($"{Folder(reference)}/{reference}-case-file.docx")!), false);
        Assert.Contains("It happened once more on Friday", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_or_a_message_from_the_owner_reaches_colleagues_in_the_refreshed_case_file()
    {
        var reference = await SubmittedCaseAsync();
        await _owner.SayAsync($"share {reference} with alex@contoso.test");
        var path = $"{Folder(reference)}/{reference}-case-file.docx";
        string Shared()
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(_graph.FileContent(path)!), false);
            return document.MainDocumentPart!.Document.Body!.InnerText;
        }

        Assert.DoesNotContain("Called HR about the rota", Shared(), StringComparison.Ordinal);

        await _owner.SayAsync($"note {reference} Called HR about the rota");
        await UntilAsync(() => Shared().Contains("Called HR about the rota", StringComparison.Ordinal));
        await _owner.SayAsync($"message {reference} confirm Could we talk on Tuesday?");
        await UntilAsync(() => Shared().Contains("Could we talk on Tuesday?", StringComparison.Ordinal));

        Assert.Equal(["alex@contoso.test"], _graph.PermissionEmails(Folder(reference)));
        Assert.Equal(3, (await AuditAsync(reference)).Count(a => a.Action == AuditAction.CaseFileUpload && a.Result == AuditResult.Uploaded));
    }

    [Fact]
    public async Task Without_a_drive_configured_share_says_sharing_is_not_set_up()
    {
        await using var withoutDrive = new BotApp(app.Azurite, new Dictionary<string, string?> { ["Intake:DefaultOwner"] = OwnerId, ["Intake:Responders:0"] = OwnerId });
        var reporter = new HttpChat(withoutDrive.CreateClient());
        var reference = await reporter.SubmitReportAsync();

        var replies = await new HttpChat(withoutDrive.CreateClient(), OwnerId).SayAsync($"share {reference} with alex@contoso.test");

        Assert.Equal("Sharing isn't set up here, so the case stays visible only to you.", replies[0]);
    }
}
