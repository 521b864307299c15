namespace IntakeBot.Cases;

/// <summary>A file of a confidential case as it was uploaded: sealed in <paramref name="BlobName"/> (its
/// name and SHA-256 sealed with it), never read by anything an owner, grantee or the case file reads.
/// <paramref name="Cleaned"/> is false when the bot cannot take names out of that kind of file: then no
/// copy is made, and handlers see only that the file exists.</summary>
public sealed record SealedOriginal(string BlobName, bool Cleaned);
