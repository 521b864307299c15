using System.Security.Cryptography;
using System.Text;
using IntakeBot.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.Capture;

/// <summary>Images a kept message shows or carries: those on the connector's host come in through the
/// same allow-listed, size-bounded fetcher as pasted images and are stored beside the message; the
/// others are listed by name only, and none of them holds anything up.</summary>
public sealed class ReportMessageImageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("the picture in the chat")];

    [Fact]
    public async Task An_image_on_the_connectors_host_is_stored_beside_the_message_and_others_are_listed_by_name_only()
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Evidence:AllowLoopbackHttp"] = "true",
            ["Evidence:MaxBytes"] = "16384",
        });
        var person = Guid.NewGuid().ToString();
        var shown = connector.ServeImage("shot.png", Png);
        var large = connector.ServeImage("large.png", [.. Png, .. new byte[32 * 1024]]);
        var payload = MessageAction.Payload(Guid.NewGuid().ToString(), $"<p>look at this</p><img src=\"{shown}\" alt=\"shot.png\"><img src=\"https://images.example.test/elsewhere.png\" alt=\"elsewhere.png\">");
        payload["attachments"] = new JArray(new JObject { ["id"] = "1", ["contentType"] = "image/png", ["contentUrl"] = large, ["name"] = "large.png" });
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, payload, connector.ServiceUrl));
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

        await chat.SayAsync("Start a report with it");

        var blobs = new CaseBlobs(azurite, app);
        var evidence = (await blobs.DraftAsync()).Evidence;
        var message = Assert.Single(evidence, e => e.Kind == "teams-message");
        Assert.Equal(["large.png", "shot.png", "elsewhere.png"], message.Message!.Attachments);
        var image = Assert.Single(evidence, e => e.Kind is null);
        Assert.Equal("shot.png", image.SafeName);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), image.Sha256);
        Assert.Equal(Png, (await blobs.Cases.GetBlobClient(image.BlobName).DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(["large.png", "shot.png"], connector.ImageRequests.Order(StringComparer.Ordinal));
    }
}
