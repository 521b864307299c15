using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>What makes one intake different from another: its questions and its words. A closing,
/// where there is one, follows the receipt: what the person taking the report can pass on. What is
/// said when text typed while waiting after the urgent-help contact is kept names where it went.
/// Saved positions name the sections a draft saved with a numbered cursor was at. The review's words
/// above the card and its line on who receives the report are the flow's own: a taken report stays
/// with the responder who took it. A follow-on keeps the identity choice of the case it follows on
/// from, so confidential reporting is not offered in it (<see cref="KeepsIdentity"/>).</summary>
public sealed record IntakeFlow(
    string DialogId,
    CaseKind Kind,
    IReadOnlyList<IntakeSection> Sections,
    TextKey Welcome,
    TextKey ReviewCardTitle,
    TextKey ReviewCardClassification,
    TextKey Receipt,
    TextKey? Tips = null,
    (TextKey WithSupport, TextKey WithoutSupport)? Closing = null,
    TextKey WaitKept = TextKey.SafetyWaitKept,
    IReadOnlyList<string>? SavedPositions = null,
    TextKey ReviewIntro = TextKey.ReviewCardText,
    TextKey ReviewWhoReceives = TextKey.ReviewWhoReceives,
    bool KeepsIdentity = false);

/// <summary>How an intake is begun: for a report taken by a responder, the responder who owns it; for
/// a report started from a first message that read like an account, that message (and any that
/// followed it before the person said yes), the first part of the account; for a follow-on, the closed
/// case it follows on from, whose owner and identity choice it keeps.</summary>
public sealed record IntakeStart(string? Owner, IReadOnlyList<string>? FirstAccount = null, string? FollowsOn = null, IdentityChoice Identity = IdentityChoice.Named);
