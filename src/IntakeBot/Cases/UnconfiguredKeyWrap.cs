namespace IntakeBot.Cases;

/// <summary>The key wrap when neither <c>Identity:KeyId</c> nor <c>Identity:LocalKey</c> is set: confidential
/// reporting is off then (start-up allows it on only with a key), so nothing is sealed or opened.</summary>
public sealed class UnconfiguredKeyWrap : IKeyWrap
{
    public Task<(byte[] Wrapped, string KeyId)> WrapAsync(byte[] dataKey, CancellationToken cancellationToken)
        => throw new InvalidOperationException("No key is configured for confidential reports: set Identity:KeyId.");

    public Task<byte[]> UnwrapAsync(byte[] wrapped, string keyId, CancellationToken cancellationToken)
        => throw new InvalidOperationException("No key is configured for confidential reports: set Identity:KeyId.");
}
