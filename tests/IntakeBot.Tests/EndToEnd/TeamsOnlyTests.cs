using System.Net;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>Only Teams, and only the listed tenants: anything else leaves storage exactly as it was,
/// including where a responder is reached for notifications.</summary>
public sealed class TeamsOnlyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string OtherTenant = "0d9c1a55-7e3b-4f0e-8c2a-6b1d9e4f3a21";

    [Theory]
    [InlineData("another channel")]
    [InlineData("another tenant")]
    [InlineData("another tenant in channel data only")]
    [InlineData("no tenant")]
    [InlineData("no conversation type")]
    public async Task An_activity_claiming_a_responders_object_id_from_outside_changes_nothing_stored(string how)
    {
        await using var connector = await ConnectorStub.StartAsync();
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = HttpChat.TenantId });
        var responderAad = Guid.NewGuid().ToString();
        connector.KnowMember(responderAad, BotApp.DefaultOwner);
        var responder = new HttpChat(app.CreateClient(), responderAad, connector.ServiceUrl);
        Assert.NotEmpty(await responder.SayAsync("hello"));
        var blobs = new CaseBlobs(azurite, app);
        var before = await SnapshotAsync(blobs);
        Assert.Contains(before.Keys, name => name.StartsWith("responders/", StringComparison.Ordinal));

        // A new conversation: today's bot would recognise the responder in it and make it their
        // notification target.
        var activity = JObject.Parse(HttpChat.Activity("take a report", $"a:{Guid.NewGuid():N}", responderAad, serviceUrl: connector.ServiceUrl));
        switch (how)
        {
            case "another channel":
                activity["channelId"] = "webchat";
                break;
            case "another tenant":
                activity["conversation"]!["tenantId"] = OtherTenant;
                activity["channelData"]!["tenant"]!["id"] = OtherTenant;
                break;
            case "another tenant in channel data only":
                activity["channelData"]!["tenant"]!["id"] = OtherTenant;
                break;
            case "no tenant":
                ((JObject)activity["conversation"]!).Remove("tenantId");
                activity.Remove("channelData");
                break;
            default:
                ((JObject)activity["conversation"]!).Remove("conversationType");
                break;
        }

        var response = await responder.PostAsync(activity.ToString(Formatting.None));

        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
        Assert.Equal(before, await SnapshotAsync(blobs));
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.DoesNotContain(connector.Sent, s => s.ConversationId != responder.ConversationId);
        Assert.Contains(app.Logs.Lines, l => l.Contains("An activity was refused before anything was read or stored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_personal_chat_from_an_allowed_tenant_is_answered_and_kept()
    {
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = HttpChat.TenantId.ToUpperInvariant() });
        var reporter = new HttpChat(app.CreateClient());

        var replies = await reporter.SayAsync("report");

        Assert.Contains(replies, r => r.Contains("what happened", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, await new CaseBlobs(azurite, app).StateBlobCountAsync());
    }

    [Fact]
    public async Task A_tenant_given_by_domain_name_stops_start_up_naming_the_key()
    {
        await using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = "contoso.onmicrosoft.com" });

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<IntakeBot.Bot.TeamsOptions>>().Value);

        Assert.Contains("Teams:AllowedTenantIds:0", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> SnapshotAsync(CaseBlobs blobs)
    {
        var snapshot = new Dictionary<string, string>();
        await foreach (var blob in blobs.State.GetBlobsAsync())
        {
            var content = await blobs.State.GetBlobClient(blob.Name).DownloadContentAsync();
            snapshot[blob.Name] = $"{blob.Properties.ETag}|{content.Value.Content}";
        }

        return snapshot;
    }
}
