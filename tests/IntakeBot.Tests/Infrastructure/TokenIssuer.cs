using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>Plays the Bot Framework's token service and an Entra ID tenant's authority on
/// https://127.0.0.1: OpenID metadata and a JWKS with the test's own signing key (endorsed for msteams),
/// behind a self-signed certificate the test makes; and mints channel tokens and the workspace tab's
/// user tokens, good and bad.</summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "6f7c1e52-0c1a-4a8e-9f0e-1b2c3d4e5f60";

    public const string TenantId = HttpChat.TenantId;
    public const string ClientId = "0d4f9a6b-3c2e-4f71-8a5d-6e9b1c7f2a34";
    public const string Audience = $"api://intakebot.test/{ClientId}";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);

    private TokenIssuer(WebApplication app, int port, X509Certificate2 certificate)
    {
        _app = app;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    public string MetadataUrl => $"https://127.0.0.1:{Port}/.well-known/openid-configuration";

    public string KeyId { get; } = "test-key-1";

    /// <summary>The Bot Framework keys that point the bot's authentication here; once one endpoint is
    /// set, all of them must be.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["MicrosoftAppType"] = "MultiTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "not-used-by-expect-replies",
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToChannelFromBotLoginUrl"] = $"https://127.0.0.1:{Port}/botframework.com",
        ["ToChannelFromBotOAuthScope"] = Issuer,
        ["OAuthUrl"] = $"https://127.0.0.1:{Port}",
        ["ValidateAuthority"] = "false",
    };

    /// <summary>The <c>AzureAd</c> keys that point the workspace's sign-in at this authority.</summary>
    public Dictionary<string, string?> EntraSettings() => new()
    {
        ["AzureAd:Instance"] = $"https://127.0.0.1:{Port}/",
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:Audience"] = Audience,
    };

    /// <summary>Accepts this issuer's certificate (and only it besides the system's trust), for the
    /// in-process host's metadata and key requests.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || certificate?.Thumbprint == Certificate.Thumbprint,
    };

    /// <summary>A user token as Teams single sign-on gets it for the tab; each argument spoils one thing.</summary>
    public string UserToken(string objectId, string? upn = null, string? tenantId = null, string? audience = null, bool expired = false, bool badSignature = false, string scope = "access_as_user")
    {
        var tenant = tenantId ?? TenantId;
        var signingKey = badSignature ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = KeyId } : new RsaSecurityKey(_key) { KeyId = KeyId };
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("oid", objectId), new("tid", tenant), new("scp", scope), new("ver", "2.0") };
        if (upn is not null)
        {
            claims.Add(new Claim("preferred_username", upn));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://127.0.0.1:{Port}/{tenant}/v2.0",
            Audience = audience ?? Audience,
            NotBefore = expired ? now.AddHours(-2) : now.AddMinutes(-5),
            Expires = expired ? now.AddHours(-1) : now.AddMinutes(30),
            IssuedAt = expired ? now.AddHours(-2) : now.AddMinutes(-5),
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public static async Task<TokenIssuer> StartAsync()
    {
        var port = FreePort.Next();
        var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate })));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TokenIssuer(app, port, certificate);

        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"https://127.0.0.1:{port}/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Json(new JsonObject
        {
            ["issuer"] = $"https://127.0.0.1:{port}/{tenant}/v2.0",
            ["jwks_uri"] = $"https://127.0.0.1:{port}/keys",
            ["authorization_endpoint"] = $"https://127.0.0.1:{port}/{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"https://127.0.0.1:{port}/{tenant}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/{tenant}/.well-known/openid-configuration", (string tenant) => Results.Json(new JsonObject
        {
            ["issuer"] = $"https://127.0.0.1:{port}/{tenant}/",
            ["jwks_uri"] = $"https://127.0.0.1:{port}/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/keys", () =>
        {
            var parameters = issuer._key.ExportParameters(false);
            return Results.Json(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = issuer.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray("msteams"),
                }),
            });
        });

        await app.StartAsync();
        return issuer;
    }

    /// <summary>A channel token; each argument spoils one thing about it.</summary>
    public string Token(string serviceUrl, string? audience = null, string? issuer = null, bool expired = false, bool badSignature = false)
    {
        var signingKey = badSignature ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = KeyId } : new RsaSecurityKey(_key) { KeyId = KeyId };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? AppId,
            NotBefore = expired ? now.AddHours(-2) : now.AddMinutes(-5),
            Expires = expired ? now.AddHours(-1) : now.AddMinutes(30),
            IssuedAt = expired ? now.AddHours(-2) : now.AddMinutes(-5),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
        _key.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
