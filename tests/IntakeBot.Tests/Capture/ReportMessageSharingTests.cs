using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Capture;

/// <summary>The sender of a kept message is a named person: the case is never shared with them.</summary>
public sealed class ReportMessageSharingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_case_holding_a_kept_message_is_never_shared_with_its_sender_whatever_address_is_typed()
    {
        var ownerId = Guid.NewGuid().ToString();
        var sender = Guid.NewGuid().ToString();
        await using var graph = await GraphServer.StartAsync();
        // The directory's name for the sender differs from the one Teams showed: only the id links them.
        graph.AddUser(sender, "jrb@contoso.test", "Jo Rivers-Blake", mail: "jo.rivers@contoso.test", proxyAddresses: "smtp:jo@contoso.test");
        graph.AddUser(Guid.NewGuid().ToString(), "jordan@contoso.test", MessageAction.SenderName);
        graph.AddUser("u-alex", "alex@contoso.test", "Alex Kim");
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Sharing:DriveId"] = GraphServer.DriveId,
            ["Sharing:GraphBaseUrl"] = graph.BaseUrl,
            ["Sharing:Credential"] = "None",
            ["Sharing:FolderPath"] = "Conduct cases",
            ["Sharing:MaxRetries"] = "1",
            ["Sharing:RetryDelaySeconds"] = "1",
        });
        var person = Guid.NewGuid().ToString();
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(sender, "<p>See you outside</p>"), connector.ServiceUrl));
        var reporter = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        await reporter.SayAsync("Start a report with it");
        var reference = await reporter.SubmitReportAsync(Intake.UpToReview()[1..]);
        var owner = new HttpChat(app.CreateClient(), ownerId);

        var card = await owner.ExchangeAsync($"case {reference}");
        var byUpn = await owner.SayAsync($"share {reference} with jrb@contoso.test");
        var byAlias = await owner.SayAsync($"share {reference} with jo@contoso.test");
        var byName = await owner.SayAsync($"share {reference} with jordan@contoso.test");
        var other = await owner.SayAsync($"share {reference} with alex@contoso.test");

        Assert.Contains("is named in this report", byUpn[0], StringComparison.Ordinal);
        Assert.Contains(MessageAction.SenderName, byUpn[0], StringComparison.Ordinal);
        Assert.Contains("is named in this report", byAlias[0], StringComparison.Ordinal);
        Assert.Contains("is named in this report", byName[0], StringComparison.Ordinal);
        Assert.StartsWith("Alex Kim can now read the case file", other[0], StringComparison.Ordinal);
        Assert.Equal(["alex@contoso.test"], graph.PermissionEmails($"Conduct cases/{reference}"));
        var shown = card.Single(a => a["attachments"] is not null).ToString();
        Assert.Contains("Teams message from Jordan Blake, sent 2026-11-20 09:15 UTC in a group chat", shown, StringComparison.Ordinal);
        Assert.Contains("\u201cSee you outside\u201d", shown, StringComparison.Ordinal);
        Assert.Contains("[Open the message in Teams](https://teams.microsoft.com/l/message/", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_kept_message_to_a_shared_case_takes_access_away_from_its_sender_before_the_refreshed_file_goes_up()
    {
        var ownerId = Guid.NewGuid().ToString();
        var alex = Guid.NewGuid().ToString();
        await using var graph = await GraphServer.StartAsync();
        graph.AddUser(alex, "alex@contoso.test", "Alex Kim");
        graph.AddUser(Guid.NewGuid().ToString(), "sam@contoso.test", "Sam Rivera");
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Intake:DefaultOwner"] = ownerId,
            ["Intake:Responders:0"] = ownerId,
            ["Sharing:DriveId"] = GraphServer.DriveId,
            ["Sharing:GraphBaseUrl"] = graph.BaseUrl,
            ["Sharing:Credential"] = "None",
            ["Sharing:FolderPath"] = "Conduct cases",
            ["Sharing:MaxRetries"] = "0",
        });
        var person = Guid.NewGuid().ToString();
        var reporter = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        var reference = await reporter.SubmitReportAsync();
        var owner = new HttpChat(app.CreateClient(), ownerId);
        await owner.SayAsync($"share {reference} with alex@contoso.test");
        await owner.SayAsync($"share {reference} with sam@contoso.test");
        var folder = $"Conduct cases/{reference}";
        Assert.Equal(["alex@contoso.test", "sam@contoso.test"], graph.PermissionEmails(folder).Order(StringComparer.Ordinal));
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(alex, "<p>say one word and ull regret it</p>"), connector.ServiceUrl));
        var offer = connector.Sent.Last(s => s.ConversationId == connector.PrivateChatOf(person)).Activity;

        var added = await reporter.ExchangeAsync(null, MessageAction.Pressed(offer, $"3. Add it to {reference}"));

        Assert.StartsWith($"Added the message you kept to {reference}.", added[0].Value<string>("text"), StringComparison.Ordinal);
        Assert.Equal(["sam@contoso.test"], graph.PermissionEmails(folder));
        var audit = (await app.Services.GetRequiredService<ICaseStore>().ReadAuditAsync(reference, CancellationToken.None)).ToList();
        var withheld = Assert.Single(audit, a => a.Action == AuditAction.RefreshWithheld);
        Assert.Equal(("alex@contoso.test", AuditResult.Removed), (withheld.Whom, withheld.Result));
        Assert.True(audit.IndexOf(withheld) < audit.FindLastIndex(a => a.Action == AuditAction.CaseFileUpload && a.Result == AuditResult.Uploaded), "access is taken away before the refreshed file goes up");
        Assert.Contains("Access removed because what was added later names them", (await owner.SayAsync($"access {reference}"))[0], StringComparison.Ordinal);
    }
}
