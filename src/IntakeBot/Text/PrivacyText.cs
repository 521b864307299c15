namespace IntakeBot.Text;

/// <summary>The sentences about what is kept and for how long, built from the configuration they
/// describe, so that they stay true when the settings change.</summary>
public static class PrivacyText
{
    /// <summary>The full notice for <c>privacy</c>.</summary>
    public static string Notice(TextCatalog text, RetentionFacts retention, string ownerRole, string faqUrl)
    {
        var howLong = string.Join(' ',
            text.Format(TextKey.RetentionDraft, Durations.Format(text, retention.DraftRetention)),
            text.Format(TextKey.RetentionClosed, Durations.Format(text, retention.ClosedCaseRetention)),
            Backups(text, retention));
        return text.Format(TextKey.PrivacyNotice, ownerRole, howLong, faqUrl);
    }

    /// <summary>What <c>discard</c> says once the draft is purged: backup copies are mentioned, with
    /// when they expire, whenever storage keeps them.</summary>
    public static string Discarded(TextCatalog text, RetentionFacts retention)
        => retention.BackupRetention > TimeSpan.Zero
            ? text.Format(TextKey.DiscardedBackups, Durations.Format(text, retention.BackupRetention))
            : text[TextKey.Discarded];

    private static string Backups(TextCatalog text, RetentionFacts retention)
        => retention.BackupRetention > TimeSpan.Zero
            ? text.Format(TextKey.RetentionBackups, Durations.Format(text, retention.BackupRetention))
            : text[TextKey.RetentionNoBackups];
}
