using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IntakeBot.Tests.Infrastructure;
using IntakeBot.Evidence;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Images_are_fetched_only_from_the_connector_and_the_organisations_own_sharepoint_and_others_are_listed_by_name()
    {
        await using var connector = await ConnectorStub.StartAsync();
        var requested = new ConcurrentQueue<string>();
        await using var app = new BotApp(
            azurite,
            new Dictionary<string, string?> { ["Evidence:TenantSharePointHost"] = "contoso.sharepoint.com" },
            services => services.AddHttpClient(AttachmentFetcher.HttpClientName).AddHttpMessageHandler(() => new SharePointStub(requested, Png)));
        var person = Guid.NewGuid().ToString();
        var payload = MessageAction.Payload(Guid.NewGuid().ToString(), "<p>look</p><img src=\"https://contoso.sharepoint.com/sites/team/shot.png\" alt=\"ours.png\"><img src=\"https://jordan-b.sharepoint.com/sites/x/pixel.png\" alt=\"theirs.png\">");
        await ApiMessages.PostAsync(app.CreateClient(), MessageAction.Invoke(person, payload, connector.ServiceUrl));
        var chat = new HttpChat(app.CreateClient(), person, connector.ServiceUrl, connector.PrivateChatOf(person));

        await chat.SayAsync("Start a report with it");

        var evidence = (await new CaseBlobs(azurite, app).DraftAsync()).Evidence;
        Assert.Equal("ours.png", Assert.Single(evidence, e => e.Kind is null).SafeName);
        Assert.Equal(["ours.png", "theirs.png"], Assert.Single(evidence, e => e.Kind == "teams-message").Message!.Attachments);
        Assert.Equal(["contoso.sharepoint.com"], requested.Select(u => new Uri(u).Host));
    }

    [Theory]
    [InlineData("https://contoso.sharepoint.com")]
    [InlineData("contoso.example.com")]
    public void The_app_refuses_to_start_with_a_tenant_sharepoint_host_that_is_not_an_allowed_host_name(string value)
    {
        using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Evidence:TenantSharePointHost"] = value });

        Assert.Contains("Evidence:TenantSharePointHost must be a host name", app.StartupFailure(), StringComparison.Ordinal);
    }

    /// <summary>Stands in for SharePoint: answers every request with the image, and notes where it went.</summary>
    private sealed class SharePointStub(ConcurrentQueue<string> requested, byte[] image) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requested.Enqueue(request.RequestUri!.ToString());
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(image) });
        }
    }
}
