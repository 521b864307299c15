using IntakeBot.Tests.Infrastructure;

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
        await reporter.SayAllAsync(Intake.UpToReview()[1..]);
        var reference = Receipt.ReferenceIn(string.Join("\n", await reporter.SayAsync("submit")));
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
}
