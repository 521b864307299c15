using System.Security.Cryptography;
using System.Text.Json;
using IntakeBot.Cases;

namespace IntakeBot.Workspace;

/// <summary>Which version of a case the page read: a hash of the whole record as stored, so that any change
/// since (in chat, another tab, a background pass) gives another value. The page sends it back with an
/// action, and an action on an older read is refused with <c>reload</c> instead of applied on top.</summary>
public static class CaseVersion
{
    public static string Of(CaseRecord record)
        => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(record, BlobCaseStore.Json)).AsSpan(0, 12));

    /// <summary>True when <paramref name="read"/> (the version the page read, null from a page that sends
    /// none) is not <paramref name="record"/>'s.</summary>
    public static bool IsStale(CaseRecord record, string? read) => read is not null && !string.Equals(read, Of(record), StringComparison.Ordinal);
}
