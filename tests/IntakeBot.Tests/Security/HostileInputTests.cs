using System.Net;
using FsCheck;
using FsCheck.Fluent;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Security;

/// <summary>Hostile activities get clear refusals or kind answers: never a 5xx, never a crash, never a
/// change to anyone else's conversation.</summary>
public sealed class HostileInputTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private BotApp _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new BotApp(azurite);
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    private static JObject Message(string conversationId, string aadObjectId) => JObject.Parse(HttpChat.Activity("hello", conversationId, aadObjectId));

    public static TheoryData<string> Mutations() =>
    [
        "text-number", "from-string", "attachments-object", "conversation-missing", "type-unknown", "type-missing",
        "timestamp-garbage", "channeldata-array", "attachment-null", "recipient-missing", "megabyte-text", "deep-json",
    ];

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Activities_with_wrong_types_odd_shapes_or_huge_texts_never_get_a_5xx(string mutation)
    {
        var activity = Message($"a:{Guid.NewGuid():N}", Guid.NewGuid().ToString());
        switch (mutation)
        {
            case "text-number": activity["text"] = 42; break;
            case "from-string": activity["from"] = "someone"; break;
            case "attachments-object": activity["attachments"] = new JObject { ["x"] = 1 }; break;
            case "conversation-missing": activity.Remove("conversation"); break;
            case "type-unknown": activity["type"] = "mystery"; break;
            case "type-missing": activity.Remove("type"); break;
            case "timestamp-garbage": activity["timestamp"] = "yesterday-ish"; break;
            case "channeldata-array": activity["channelData"] = new JArray(1, 2); break;
            case "attachment-null": activity["attachments"] = new JArray(JValue.CreateNull()); break;
            case "recipient-missing": activity.Remove("recipient"); break;
            case "megabyte-text": activity["text"] = new string('a', 1024 * 1024); break;
            default:
                JToken deep = new JObject();
                for (var i = 0; i < 200; i++)
                {
                    deep = new JObject { ["x"] = deep };
                }

                activity["channelData"] = deep;
                break;
        }

        var response = await ApiMessages.PostAsync(_client, activity.ToString());

        Assert.True((int)response.StatusCode < 500, $"{mutation}: {(int)response.StatusCode}");
    }

    public static TheoryData<string> MalformedShapes() =>
    [
        "serviceurl-empty", "serviceurl-missing", "serviceurl-not-a-url", "serviceurl-relative", "serviceurl-number", "serviceurl-ftp",
        "serviceurl-http-remote", "serviceurl-userinfo", "serviceurl-no-host", "id-missing", "conversation-id-empty", "from-id-missing",
        "from-string", "type-missing", "body-array", "body-truncated",
    ];

    [Theory]
    [MemberData(nameof(MalformedShapes))]
    public async Task Activities_of_the_wrong_shape_get_a_400_with_no_detail_and_store_nothing(string shape)
    {
        var activity = Message($"a:{Guid.NewGuid():N}", Guid.NewGuid().ToString());
        activity["text"] = "report";
        var body = activity.ToString();
        switch (shape)
        {
            case "serviceurl-empty": activity["serviceUrl"] = string.Empty; break;
            case "serviceurl-missing": activity.Remove("serviceUrl"); break;
            case "serviceurl-not-a-url": activity["serviceUrl"] = "not a url"; break;
            case "serviceurl-relative": activity["serviceUrl"] = "/api/replies"; break;
            case "serviceurl-number": activity["serviceUrl"] = 42; break;
            case "serviceurl-ftp": activity["serviceUrl"] = "ftp://127.0.0.1/"; break;
            case "serviceurl-http-remote": activity["serviceUrl"] = "http://smba.trafficmanager.example/amer/"; break;
            case "serviceurl-userinfo": activity["serviceUrl"] = "https://user:secret@smba.example/"; break;
            case "serviceurl-no-host": activity["serviceUrl"] = "https://"; break;
            case "id-missing": activity.Remove("id"); break;
            case "conversation-id-empty": activity["conversation"]!["id"] = string.Empty; break;
            case "from-id-missing": ((JObject)activity["from"]!).Remove("id"); break;
            case "from-string": activity["from"] = "someone"; break;
            case "type-missing": activity.Remove("type"); break;
            case "body-array": body = new JArray(activity).ToString(); break;
            default: body = body[..(body.Length / 2)]; break;
        }

        var response = await ApiMessages.PostAsync(_client, shape.StartsWith("body-", StringComparison.Ordinal) ? body : activity.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.Empty(await new CaseBlobs(azurite, _app).CaseBlobNamesAsync());
    }

    [Fact]
    public async Task A_message_from_another_account_in_someone_elses_private_chat_is_refused_and_changes_nothing()
    {
        var owner = new HttpChat(_client);
        await owner.SayAllAsync("report", "Only mine", "done", "skip", "It happened to me");
        var intruder = new HttpChat(_client, conversationId: owner.ConversationId);

        var replies = await intruder.SayAsync("edit");

        Assert.StartsWith("This private chat belongs to another account", Assert.Single(replies), StringComparison.Ordinal);
        Assert.StartsWith("Is it still going on?", (await owner.SayAsync("Last week"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Control_and_bidi_characters_in_names_and_answers_are_kept_as_typed_and_do_not_break_the_intake()
    {
        var chat = new HttpChat(_client);
        const string tricky = "He said \u202Egnirts\u202C and \u0007\u001b[31m then left \u200B\uFEFF";

        await chat.SayAllAsync("report", tricky, "done", "skip", "It happened to me");
        var replies = await chat.SayAsync("Yesterday \u2066evening\u2069");

        Assert.StartsWith("Is it still going on?", replies[^1], StringComparison.Ordinal);
        var draft = (await new CaseBlobs(azurite, _app).DraftsAsync()).Single(d => d.Answers.WhatHappened is [tricky]);
        Assert.Equal("Yesterday \u2066evening\u2069", draft.Answers.When);
    }

    /// <summary>Property: whatever activities arrive, in whatever shape, from whichever conversation,
    /// the answer is never a 5xx and a bystander's intake in progress is untouched.</summary>
    [Fact]
    public async Task Random_activities_never_get_a_5xx_and_never_touch_another_conversations_state()
    {
        var bystander = new HttpChat(_client);
        await bystander.SayAllAsync("report", "The bystander's own account", "done", "skip", "It happened to me");
        var bystanderConversation = bystander.ConversationId;

        var texts = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Elements("report", "done", "skip", "pause", "submit", "help", "take a report", "my reports", "cases", "edit", "discard",
                "add to IR-00000000", "add to ../../etc", "share IR-ZZZZZZZZ with a@b.example", "revoke IR-ZZZZZZZZ from a@b.example",
                "case ' or 1 eq 1", "\u202E\u0000\u001f", new string('x', 25_000), string.Empty, "   "));
        var activities = texts.SelectMany(
            text => Gen.Elements("message", "message", "message", "conversationUpdate", "invoke", "typing", "event", "mystery", "endOfConversation"),
            (text, type) => (Text: text, Type: type))
            .SelectMany(
                x => Gen.Elements("personal", "personal", "groupChat", "channel"),
                (x, conversationType) => (x.Text, x.Type, ConversationType: conversationType))
            .SelectMany(
                x => Gen.Elements("none", "file:///etc/passwd", "data:image/png;base64,AAAA", "javascript:alert(1)", "http://169.254.169.254/", "https://[::1]/x", "not a url"),
                (x, attachment) => (x.Text, x.Type, x.ConversationType, Attachment: attachment))
            .SelectMany(
                x => Gen.Choose(0, 3),
                (x, who) => (x.Text, x.Type, x.ConversationType, x.Attachment, Who: who))
            .SelectMany(
                x => Gen.Elements<string?>(BotApp.NowhereServiceUrl, BotApp.NowhereServiceUrl, BotApp.NowhereServiceUrl, null, string.Empty, " ", "not a url",
                    "https://", "http://", "//127.0.0.1:9/", "ftp://127.0.0.1/", "http://evil.example/", "https://u:p@127.0.0.1/", "https://exa mple.test/", "https://[::1/"),
                (x, serviceUrl) => (x.Text, x.Type, x.ConversationType, x.Attachment, x.Who, ServiceUrl: serviceUrl))
            .SelectMany(
                x => Gen.Elements("whole", "whole", "whole", "no-id", "empty-conversation-id", "no-from-id"),
                (x, ids) => (x.Text, x.Type, x.ConversationType, x.Attachment, x.Who, x.ServiceUrl, Ids: ids));

        foreach (var (text, type, conversationType, attachment, who, serviceUrl, ids) in Gen.Sample(activities, 30, 160))
        {
            // Some of them claim the bystander's conversation id but come from another account: refused.
            var conversation = who == 0 ? bystanderConversation : $"a:{Guid.NewGuid():N}";
            var activity = JObject.Parse(HttpChat.Activity(text, conversation, Guid.NewGuid().ToString(), conversationType));
            activity["type"] = type;
            activity["serviceUrl"] = serviceUrl;
            switch (ids)
            {
                case "no-id": activity.Remove("id"); break;
                case "empty-conversation-id": activity["conversation"]!["id"] = string.Empty; break;
                case "no-from-id": ((JObject)activity["from"]!).Remove("id"); break;
            }

            if (who == 1)
            {
                ((JObject)activity["from"]!).Remove("aadObjectId");
            }

            if (attachment != "none")
            {
                activity["attachments"] = new JArray(HttpChat.UploadedFile("x.png", attachment), HttpChat.InlineImage(attachment));
            }

            var response = await ApiMessages.PostAsync(_client, activity.ToString());
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for a {type} in a {conversationType} chat to {serviceUrl} ({ids})");
        }

        Assert.StartsWith("Is it still going on?", (await bystander.SayAsync("Last week"))[^1], StringComparison.Ordinal);
        var draft = (await new CaseBlobs(azurite, _app).DraftsAsync()).Single(d => d.Answers.WhatHappened is ["The bystander's own account"]);
        Assert.Equal("Last week", draft.Answers.When);
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("Unhandled", StringComparison.OrdinalIgnoreCase));
    }
}
