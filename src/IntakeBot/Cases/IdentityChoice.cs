using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Whether the people handling a self-report see who made it: stored as <c>named</c> (the
/// default, as before the choice existed) or <c>confidential</c> (the identity is sealed and a pseudonym
/// stands in for it, see <see cref="SealedReporter"/>).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<IdentityChoice>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<IdentityChoice>))]
public enum IdentityChoice
{
    /// <summary>A choice written by a newer version.</summary>
    Unknown,

    Named,

    Confidential,
}
