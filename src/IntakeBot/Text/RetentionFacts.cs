namespace IntakeBot.Text;

/// <summary>How long things are kept, as configured (Retention:DraftRetention, ClosedCaseRetention,
/// BackupRetention): every sentence the bot says about keeping or deleting is built from these. A
/// zero backup retention means storage keeps no backup copies.</summary>
public sealed record RetentionFacts(TimeSpan DraftRetention, TimeSpan ClosedCaseRetention, TimeSpan BackupRetention);
