using IntakeBot.Cases;
using IntakeBot.Evidence;
using IntakeBot.Text;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

/// <summary>What every intake dialog works with, handed over as one.</summary>
public sealed record IntakeServices(
    TextCatalog Text,
    ConversationStateAccessors State,
    CaseDrafts Drafts,
    EvidenceIntake Evidence,
    IOptions<IntakeOptions> Options,
    RetentionPeriods Retention,
    IOptions<CaseLimits> Limits,
    IOptions<IdentityOptions> Identity);
