using IntakeBot.Evidence;

namespace IntakeBot.Capture;

/// <summary>A message action read: the message to keep, or why nothing is kept.</summary>
public sealed record CaptureParse(CapturedMessage? Message, CaptureRefusal Refusal);
