namespace IntakeBot.Evidence;

/// <summary>An image a kept message shows or carries: its name and where Teams said it is. It is
/// fetched through <see cref="AttachmentFetcher"/> (allow-listed, streamed, size-bounded) when the
/// message becomes evidence; one that cannot be fetched stays listed by name only.</summary>
public sealed record CapturedImage(string Name, string Url);
