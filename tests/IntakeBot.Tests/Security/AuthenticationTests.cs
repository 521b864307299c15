using System.Net;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Security;

/// <summary>With Bot credentials configured, /api/messages accepts only valid Bot Framework tokens:
/// every other request gets 401, nothing is stored and nothing it said is logged.</summary>
public sealed class AuthenticationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Canary = "CANARY-a81f-walrus-lamp";
    private const string ServiceUrl = BotApp.NowhereServiceUrl;

    private TokenIssuer _issuer = null!;
    private BotProcess _bot = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TokenIssuer.StartAsync();

        // The bot process trusts the system's CAs and the test's own token service, through the bundle
        // that SSL_CERT_FILE names: the SDK validates tokens with an HttpClient of its own.
        var bundle = Path.Combine(Directory.CreateTempSubdirectory("trust-").FullName, "ca-bundle.pem");
        var system = File.Exists("/etc/ssl/certs/ca-certificates.crt") ? await File.ReadAllTextAsync("/etc/ssl/certs/ca-certificates.crt") : string.Empty;
        await File.WriteAllTextAsync(bundle, system + "\n" + _issuer.Certificate.ExportCertificatePem() + "\n");
        _bot = new BotProcess(azurite);
        foreach (var (key, value) in _issuer.Settings())
        {
            _bot.Environment[key] = value!;
        }

        _bot.Environment["SSL_CERT_FILE"] = bundle;
        _bot.Environment["Intake__DefaultOwner"] = "11111111-2222-3333-4444-555555555555";
        _bot.Environment["Intake__Responders__0"] = "11111111-2222-3333-4444-555555555555";
        await _bot.StartAsync();
        _client = _bot.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _bot.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string? authorization)
        => ApiMessages.PostAsync(_client, HttpChat.Activity($"report {Canary}", $"a:{Guid.NewGuid():N}", Guid.NewGuid().ToString(), serviceUrl: ServiceUrl), authorization);

    [Fact]
    public async Task A_valid_channel_token_is_accepted()
    {
        var response = await PostAsync($"Bearer {_issuer.Token(ServiceUrl)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hi, I'm IntakeBot", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string> BadTokens() => ["none", "expired", "audience", "issuer", "signature", "serviceurl", "malformed", "basic"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_other_request_is_refused_with_401_and_leaves_nothing_behind(string kind)
    {
        var authorization = kind switch
        {
            "none" => null,
            "expired" => $"Bearer {_issuer.Token(ServiceUrl, expired: true)}",
            "audience" => $"Bearer {_issuer.Token(ServiceUrl, audience: "someone-else")}",
            "issuer" => $"Bearer {_issuer.Token(ServiceUrl, issuer: "https://evil.example")}",
            "signature" => $"Bearer {_issuer.Token(ServiceUrl, badSignature: true)}",
            "serviceurl" => $"Bearer {_issuer.Token("https://elsewhere.example/")}",
            "malformed" => "Bearer not.a.token",
            _ => "Basic dXNlcjpwYXNz",
        };

        var response = await PostAsync(authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var blobs = new CaseBlobs(azurite, _bot.CasesContainer, _bot.StateContainer);
        Assert.Equal(0, await blobs.StateBlobCountAsync());
        Assert.Empty(await blobs.CaseBlobNamesAsync());
        Assert.DoesNotContain(_bot.Output, l => l.Contains(Canary, StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Output, l => l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase));
    }
}
