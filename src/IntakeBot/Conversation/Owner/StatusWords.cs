using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation.Owner;

public static class StatusWords
{
    /// <summary>A status as owners read it.</summary>
    public static string Of(TextCatalog text, CaseStatus status) => text[status switch
    {
        CaseStatus.Acknowledged => TextKey.StatusAcknowledged,
        CaseStatus.InReview => TextKey.StatusInReview,
        CaseStatus.Closed => TextKey.StatusClosed,
        _ => TextKey.StatusSubmitted,
    }];
}
