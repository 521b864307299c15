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

    /// <summary>A member account of another organisation (B2B), refused like a guest.</summary>
    External,

    /// <summary>A shared, room or equipment mailbox: nobody in particular reads it.</summary>
    Mailbox,
}

/// <summary>What the directory says about an address someone wants to share a case with.</summary>
public sealed record RecipientCheck(RecipientVerdict Verdict, string Address, string? UserId = null, string? DisplayName = null, string? Mail = null, string? UserPrincipalName = null)
{
    public bool IsPerson => Verdict == RecipientVerdict.Person;

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    /// <summary>Other addresses of the account as Graph lists them ("smtp:bob@contoso.com").</summary>
    public IReadOnlyList<string> ProxyAddresses { get; init; } = [];
}
