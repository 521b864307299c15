namespace IntakeBot.Responders;

/// <summary>What the reporter's news of a closed case says besides the reference: how long they can still
/// write to its owner (<c>Lifecycle:ClosedReplyWindow</c>) and the support line (<c>Intake:SupportResource</c>).
/// Composed by the host from those settings, so that Responders need not read Lifecycle's or
/// Conversation's options.</summary>
public sealed record ClosedCaseNotice(TimeSpan ReplyWindow, string? SupportResource);
