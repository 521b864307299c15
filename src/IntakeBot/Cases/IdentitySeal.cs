using System.Security.Cryptography;
using System.Text.Json;

namespace IntakeBot.Cases;

/// <summary>Seals a confidential reporter's identity (envelope encryption: a fresh AES-256 data key per
/// case, wrapped by the key-encryption key) and opens it again for the few places that need it: the
/// code that sends to the reporter, and a reveal. The case reference is the associated data.</summary>
public sealed class IdentitySeal(IKeyWrap keys, CaseIndexKey index)
{
    public async Task<SealedReporter> SealAsync(string reference, ReporterIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var plain = JsonSerializer.SerializeToUtf8Bytes(new Plain(identity.AadObjectId, identity.TeamsId, identity.Name, identity.Conversation));
            var sealedBytes = AesGcmBox.Seal(dataKey, plain, reference);
            var (wrapped, keyId) = await keys.WrapAsync(dataKey, cancellationToken).ConfigureAwait(false);
            return new SealedReporter(Pseudonyms.New(), index.Of(identity.AadObjectId), keyId, Convert.ToBase64String(wrapped), Convert.ToBase64String(sealedBytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public async Task<ReporterIdentity> UnsealAsync(string reference, SealedReporter sealedReporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sealedReporter);
        var dataKey = await keys.UnwrapAsync(Convert.FromBase64String(sealedReporter.WrappedKey), sealedReporter.KeyId, cancellationToken).ConfigureAwait(false);
        try
        {
            var plain = JsonSerializer.Deserialize<Plain>(AesGcmBox.Open(dataKey, Convert.FromBase64String(sealedReporter.Sealed), reference))
                ?? throw new CryptographicException("The sealed identity is empty.");
            return new ReporterIdentity(plain.AadObjectId, plain.TeamsId, plain.Name, plain.Conversation);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>True when <paramref name="aadObjectId"/> reported <paramref name="record"/>: by the keyed
    /// hash for a confidential case, by the id for a named one.</summary>
    public bool IsReportedBy(CaseRecord record, string? aadObjectId)
        => record?.SealedReporter is { } sealedReporter
            ? IsReporter(sealedReporter, aadObjectId)
            : record?.Reporter is { } reporter && string.Equals(reporter.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="aadObjectId"/> is the sealed reporter, told by the keyed hash
    /// alone (no key operation).</summary>
    public bool IsReporter(SealedReporter sealedReporter, string? aadObjectId)
        => aadObjectId is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(sealedReporter?.ReporterKey ?? string.Empty),
            System.Text.Encoding.ASCII.GetBytes(index.Of(aadObjectId)));

    private sealed record Plain(string AadObjectId, string TeamsId, string? Name, string? Conversation);
}
