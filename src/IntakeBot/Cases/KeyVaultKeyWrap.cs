using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;

namespace IntakeBot.Cases;

/// <summary>Wraps and unwraps data keys with a Key Vault key over its REST API (<c>wrapkey</c>,
/// <c>unwrapkey</c>, RSA-OAEP-256), authenticated with the app's Azure identity: the key never leaves
/// the vault, and the app's role on it allows these two operations only.</summary>
public sealed class KeyVaultKeyWrap(IHttpClientFactory clients, TokenCredential credential, string keyId) : IKeyWrap
{
    public const string HttpClientName = "KeyVault";
    private const string ApiVersion = "7.4";
    private const string Algorithm = "RSA-OAEP-256";
    private static readonly string[] Scopes = ["https://vault.azure.net/.default"];

    public async Task<(byte[] Wrapped, string KeyId)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken)
    {
        var result = await CallAsync(keyId.TrimEnd('/'), "wrapkey", dataKey, cancellationToken).ConfigureAwait(false);

        // The versioned id the vault answers with unwraps it later, after the key is rotated too.
        return (System.Buffers.Text.Base64Url.DecodeFromChars(result.Value), result.Kid ?? keyId);
    }

    public async Task<byte[]> UnwrapAsync(byte[] wrapped, string keyId, CancellationToken cancellationToken)
        => System.Buffers.Text.Base64Url.DecodeFromChars((await CallAsync(keyId.TrimEnd('/'), "unwrapkey", wrapped, cancellationToken).ConfigureAwait(false)).Value);

    private async Task<KeyOperationResult> CallAsync(string key, string operation, byte[] value, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{key}/{operation}?api-version={ApiVersion}"))
        {
            Content = JsonContent.Create(new KeyOperation(Algorithm, System.Buffers.Text.Base64Url.EncodeToString(value))),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The status only: a vault's error body can name the key, never anything of a case.
            throw new HttpRequestException($"Key Vault {operation} failed.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<KeyOperationResult>(cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"Key Vault {operation} answered with no value.");
    }

    private sealed record KeyOperation([property: JsonPropertyName("alg")] string Alg, [property: JsonPropertyName("value")] string Value);

    private sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? Kid, [property: JsonPropertyName("value")] string Value);
}
