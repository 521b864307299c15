using System.Security.Cryptography;
using System.Text.Json;
using IntakeBot.Cases;

namespace IntakeBot.Evidence;

/// <summary>Seals a confidential case's file as it was uploaded, like the reporter's identity (envelope
/// encryption: a fresh AES-256 data key per file, wrapped by the key-encryption key): the bytes, and
/// apart from them its name and SHA-256. The blob's name is the associated data, so a sealed file cannot
/// be moved and opened elsewhere.</summary>
public sealed class EvidenceSeal(IKeyWrap keys)
{
    public async Task<SealedFile> SealAsync(string blobName, byte[] content, OriginalFacts facts, CancellationToken cancellationToken)
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var (wrapped, keyId) = await keys.WrapAsync(dataKey, cancellationToken).ConfigureAwait(false);
            var sealedFacts = AesGcmBox.Seal(dataKey, JsonSerializer.SerializeToUtf8Bytes(facts), FactsOf(blobName));
            return new SealedFile(AesGcmBox.Seal(dataKey, content, blobName), Convert.ToBase64String(sealedFacts), Convert.ToBase64String(wrapped), keyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The file as uploaded and what was sealed with it, for whoever may lawfully read it.</summary>
    public async Task<(OriginalFacts Facts, byte[] Content)> OpenAsync(string blobName, SealedFile sealedFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sealedFile);
        var dataKey = await keys.UnwrapAsync(Convert.FromBase64String(sealedFile.WrappedKey), sealedFile.KeyId, cancellationToken).ConfigureAwait(false);
        try
        {
            var facts = JsonSerializer.Deserialize<OriginalFacts>(AesGcmBox.Open(dataKey, Convert.FromBase64String(sealedFile.Facts), FactsOf(blobName)))
                ?? throw new CryptographicException("The sealed facts are empty.");
            return (facts, AesGcmBox.Open(dataKey, sealedFile.Content, blobName));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static string FactsOf(string blobName) => blobName + "#facts";
}
