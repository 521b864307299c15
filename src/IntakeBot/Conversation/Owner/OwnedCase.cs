using System.Diagnostics.CodeAnalysis;
using IntakeBot.Cases;

namespace IntakeBot.Conversation.Owner;

/// <summary>What <see cref="OwnedCaseGuard"/> found: the case the caller owns, or the answer to give instead.</summary>
public sealed record OwnedCase(CaseRecord? Case, string? Refusal)
{
    [MemberNotNullWhen(true, nameof(Case))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Allowed => Case is not null;
}
