using System.Security.Cryptography;

namespace IntakeBot.Cases;

/// <summary>Wraps data keys with AES-GCM under <c>Identity:LocalKey</c>: Development and tests only
/// (start-up refuses the local key anywhere else). The wrapped form is nonce, ciphertext and tag.</summary>
public sealed class LocalKeyWrap(byte[] key) : IKeyWrap
{
    public const string Id = "local";

    public Task<(byte[] Wrapped, string KeyId)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken)
        => Task.FromResult((AesGcmBox.Seal(key, dataKey, Id), Id));

    public Task<byte[]> UnwrapAsync(byte[] wrapped, string keyId, CancellationToken cancellationToken)
        => keyId == Id
            ? Task.FromResult(AesGcmBox.Open(key, wrapped, Id))
            : throw new CryptographicException("The data key was wrapped by another key than the local one.");
}
