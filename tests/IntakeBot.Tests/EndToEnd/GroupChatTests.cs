using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.EndToEnd;

public sealed class GroupChatTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Mentioned_in_a_group_the_bot_answers_there_opens_a_private_chat_with_the_person_and_keeps_nothing(string conversationType)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite);
        var person = Guid.NewGuid().ToString();
        var group = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, $"19:group-{Guid.NewGuid():N}@thread.v2", conversationType);

        // SayAsync asserts 200 OK.
        var replies = await group.SayAsync("<at>IntakeBot</at> I need to report my manager");

        Assert.Equal("Hi! I only chat one-to-one, so I've said hello in a private chat.", Assert.Single(replies));
        Assert.DoesNotContain("report", replies[0], StringComparison.OrdinalIgnoreCase);
        var created = Assert.Single(connector.CreatedConversations);
        Assert.False(created.Value<bool>("isGroup"));
        Assert.Equal(person, created["members"]![0]!.Value<string>("aadObjectId"));
        var (conversationId, hello) = Assert.Single(connector.Sent);
        Assert.Equal("a:private-1", conversationId);
        Assert.StartsWith("Hi, this is a private chat between you and me.", hello.Value<string>("text"), StringComparison.Ordinal);
        Assert.Contains("you may want to delete it", hello.Value<string>("text"), StringComparison.Ordinal);
        var blobs = new CaseBlobs(azurite, app);
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.Equal(0, await blobs.StateBlobCountAsync());
    }
}
