using System.Security.Cryptography;
using System.Text;
using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Turns a person's id into the value of an index tag: HMAC-SHA256 with <c>Storage:IndexKey</c>.
/// Tags can be read by anyone who can list the container, so they carry this keyed hash, never the id,
/// and without the key an id from the directory cannot be matched to a tag.</summary>
public sealed class CaseIndexKey
{
    /// <summary>Used when no key is configured, which start-up allows only in Development. It is public
    /// in this repository, so it protects nothing: never use it with real cases.</summary>
    internal const string DevelopmentKeyBase64 = "SW50YWtlQm90IGRldmVsb3BtZW50IGluZGV4IGtleSwgbm90IGEgc2VjcmV0IQ==";

    private readonly byte[] _key;

    public CaseIndexKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < StorageOptionsValidator.MinimumIndexKeyBytes)
        {
            throw new ArgumentException("The index key must be at least 32 bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public static CaseIndexKey Development { get; } = new(Convert.FromBase64String(DevelopmentKeyBase64));

    /// <summary>The key from validated options; the development key when none is set (Development only,
    /// see <see cref="StorageOptionsValidator"/>).</summary>
    public static CaseIndexKey FromOptions(StorageOptions options)
        => string.IsNullOrWhiteSpace(options.IndexKey)
            ? Development
            : new(StorageOptionsValidator.TryDecode(options.IndexKey) ?? throw new ArgumentException("Storage:IndexKey is not base64.", nameof(options)));

    /// <summary>The tag value for an AAD object id or roster entry; ids differing only in case or
    /// surrounding spaces are the same person.</summary>
    public string Of(string id)
        => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Normalize(id))));

    internal static string Normalize(string id) => id.Trim().ToLowerInvariant();
}
