namespace IntakeBot.Sharing;

public enum RecipientVerdict
{
    Person,
    NotAnAddress,
    Group,
    Unknown,
    Ambiguous,
    Disabled,
    Guest,
}

/// <summary>What the directory says about an address someone wants to share a case with.</summary>
public sealed record RecipientCheck(RecipientVerdict Verdict, string Address, string? UserId = null, string? DisplayName = null, string? Mail = null, string? UserPrincipalName = null)
{
    public bool IsPerson => Verdict == RecipientVerdict.Person;
}
