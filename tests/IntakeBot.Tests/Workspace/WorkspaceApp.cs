using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Workspace;

/// <summary>The real host with the workspace on, its sign-in pointed at a local HTTPS authority
/// (<see cref="TokenIssuer"/>), an owner and another responder on the roster.</summary>
public sealed class WorkspaceApp : IAsyncDisposable
{
    public static readonly string OwnerId = Guid.NewGuid().ToString();
    public static readonly string OtherResponderId = Guid.NewGuid().ToString();

    private WorkspaceApp(TokenIssuer issuer, BotApp app)
    {
        Issuer = issuer;
        App = app;
    }

    public TokenIssuer Issuer { get; }

    public BotApp App { get; }

    public ICaseStore Store => App.Services.GetRequiredService<ICaseStore>();

    public static async Task<WorkspaceApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var issuer = await TokenIssuer.StartAsync();
        var all = new Dictionary<string, string?>(issuer.EntraSettings())
        {
            ["Teams:AllowedTenantIds:0"] = TokenIssuer.TenantId,
            ["Intake:DefaultOwner"] = OwnerId,
            ["Intake:Responders:0"] = OwnerId,
            ["Intake:Responders:1"] = OtherResponderId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = new BotApp(azurite, all, services =>
        {
            // The authority's metadata and keys come over HTTPS from the test's own issuer.
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.BackchannelHttpHandler = issuer.TrustingHandler());
        });
        return new WorkspaceApp(issuer, app);
    }

    /// <summary>A client of the API signed in with <paramref name="token"/> (none: no Authorization header).</summary>
    public HttpClient Client(string? token)
    {
        var client = App.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Owner() => Client(Issuer.UserToken(OwnerId));

    /// <summary>A submitted case owned by <paramref name="owner"/>, written straight to storage.</summary>
    public async Task<string> SeedAsync(string owner, Func<CaseRecord, CaseRecord>? shape = null)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new CaseRecord { Reference = CaseReference.NewReference(), Owner = owner, Status = CaseStatus.Submitted, CreatedAt = now, UpdatedAt = now, SubmittedAt = now };
        record = shape?.Invoke(record) ?? record;
        Assert.True(await Store.TryCreateAsync(record, CancellationToken.None));
        return record.Reference;
    }

    /// <summary>The messages decided for the reporter of <paramref name="reference"/>, by catalog key, from
    /// the outbox and its given-up entries: nothing listens at the reporter's service URL in these tests.</summary>
    public async Task<List<string>> ReporterNoticesAsync(AzuriteFixture azurite, string reference)
        => [.. (await NoticesAsync(azurite, reference, "Reporter")).Select(n => n.Message)];

    /// <summary>The notifications decided about <paramref name="reference"/> for <paramref name="to"/>
    /// (<c>Owner</c> or <c>Reporter</c>): whom each is for and its catalog key, from the outbox and its
    /// given-up entries.</summary>
    public async Task<List<(string Recipient, string Message)>> NoticesAsync(AzuriteFixture azurite, string reference, string to)
    {
        var blobs = new CaseBlobs(azurite, App);
        var notices = new List<(string, string)>();
        foreach (var name in (await blobs.OutboxAsync()).Concat(await blobs.OutboxAsync("outbox-dead/")))
        {
            var entry = JsonNode.Parse((await blobs.State.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString())!;
            var notification = entry["Notification"]!;
            if (notification["CaseReference"]!.GetValue<string>() == reference && notification["To"]!.GetValue<string>() == to)
            {
                notices.Add((notification["Owner"]!.GetValue<string>(), notification["Message"]!.GetValue<string>()));
            }
        }

        return notices;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
