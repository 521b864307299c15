namespace IntakeBot.Cases;

/// <summary>The key-encryption key: wraps and unwraps the data key of each confidential case, and is
/// used for nothing else. Key Vault in Azure (<see cref="KeyVaultKeyWrap"/>), a local key in Development
/// (<see cref="LocalKeyWrap"/>).</summary>
public interface IKeyWrap
{
    /// <summary>Wraps <paramref name="dataKey"/>; returns the wrapped key and the id of the key that wrapped it.</summary>
    Task<(byte[] Wrapped, string KeyId)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken);

    Task<byte[]> UnwrapAsync(byte[] wrapped, string keyId, CancellationToken cancellationToken);
}
