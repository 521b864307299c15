namespace IntakeBot.Evidence;

/// <summary>The download did not finish within Evidence:TimeoutSeconds; nothing of it is kept.</summary>
public sealed class EvidenceTimeoutException() : IOException("The download did not finish within the evidence time limit.");
