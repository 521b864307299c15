namespace IntakeBot.Evidence;

/// <summary>A sealed file: the sealed bytes (the blob's content) and, for its metadata, the sealed facts,
/// the wrapped data key and the id of the key that wrapped it.</summary>
public sealed record SealedFile(byte[] Content, string Facts, string WrappedKey, string KeyId);
