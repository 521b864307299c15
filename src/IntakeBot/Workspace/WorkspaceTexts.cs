using IntakeBot.Text;

namespace IntakeBot.Workspace;

/// <summary>The tab's words from the catalog, in the reader's language: every <c>Workspace…</c> key, and
/// the words the chat uses for statuses, deadlines, evidence, the thread and unanswered questions, so
/// that the tab and the chat say the same thing the same way.</summary>
public sealed class WorkspaceTexts(TextCatalog text)
{
    private static readonly TextKey[] Shared =
    [
        TextKey.StatusSubmitted, TextKey.StatusAcknowledged, TextKey.StatusInReview, TextKey.StatusClosed,
        TextKey.DeadlineAcknowledgement, TextKey.DeadlineFeedback, TextKey.TitleEvidence, TextKey.NotAnswered,
        TextKey.CaseCardMessageFromOwner, TextKey.CaseCardMessageFromReporter,
    ];

    private static readonly TextKey[] Keys = [.. Enum.GetValues<TextKey>().Where(k => k.ToString().StartsWith("Workspace", StringComparison.Ordinal)), .. Shared];

    /// <summary>The catalog language for a Teams locale (<c>de-DE</c>, <c>es-419</c>); English when the
    /// catalog has none for it.</summary>
    public string LanguageOf(string? locale) => text.LanguageOf(locale) ?? ReaderLanguage.English;

    /// <summary>The tab's words in <paramref name="language"/>, by key name.</summary>
    public IReadOnlyDictionary<string, string> In(string language)
    {
        using (ReaderLanguage.Begin(language))
        {
            return Keys.ToDictionary(k => k.ToString(), k => text[k], StringComparer.Ordinal);
        }
    }
}
