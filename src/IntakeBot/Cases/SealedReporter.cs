namespace IntakeBot.Cases;

/// <summary>The identity of a confidential case's reporter as stored in <c>case.json</c>: what handlers
/// see (<see cref="Pseudonym"/>), the keyed hash the reporter's own lists find it by (the same value as
/// the <c>reporter</c> index tag), and the identity itself sealed with AES-GCM under a data key of its
/// own, which is stored only wrapped by the key-encryption key <see cref="KeyId"/>.</summary>
public sealed record SealedReporter(string Pseudonym, string ReporterKey, string KeyId, string WrappedKey, string Sealed);
