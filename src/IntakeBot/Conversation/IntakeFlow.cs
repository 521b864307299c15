using IntakeBot.Cases;
using IntakeBot.Text;

namespace IntakeBot.Conversation;

/// <summary>What makes one intake different from another: its questions and its words.</summary>
public sealed record IntakeFlow(
    string DialogId,
    string Kind,
    IReadOnlyList<IntakeSection> Sections,
    TextKey Welcome,
    TextKey ReviewCardTitle,
    TextKey ReviewCardClassification,
    TextKey Receipt,
    TextKey? Tips = null);

/// <summary>How an intake is begun: for a report taken by a responder, the responder who owns it.</summary>
public sealed record IntakeStart(string? Owner);
