namespace IntakeBot.Cases;

/// <summary>Confidential reporting (<c>Identity:…</c>): whether reporters are offered it, the key that
/// seals their identity, and who decides a request to see it.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>Reporters are offered a confidential report. Off until an operator sets a key and at
    /// least one custodian: without them the bot could not keep what it says about the choice.</summary>
    public bool Confidential { get; set; }

    /// <summary>A Key Vault key (<c>https://{vault}.vault.azure.net/keys/{name}</c>, optionally with a
    /// version) that wraps each case's data key; the app needs wrap and unwrap on it, nothing else.</summary>
    public string? KeyId { get; set; }

    /// <summary>In Development (and tests) only, in place of <see cref="KeyId"/>: 32 random bytes, base64.</summary>
    public string? LocalKey { get; set; }

    /// <summary>AAD object ids of the people who approve or refuse an owner's request to see a reporter's
    /// identity; never the owner of the case the request is about.</summary>
    public List<string> Custodians { get; set; } = [];

    /// <summary>Hours between the delivery of the message telling the reporter that a request was approved
    /// (recorded by the outbox, never the approval) and showing the identity.</summary>
    public int NoticeHours { get; set; } = 48;
}
