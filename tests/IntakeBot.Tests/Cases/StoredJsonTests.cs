using System.Text.Json;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Cases;

/// <summary>What is stored stays readable and unchanged: a <c>case.json</c>, transcript lines and audit
/// lines written by the bot before its statuses, kinds, actions and directions were typed in code read
/// back and are written again byte for byte the same, so that a change of the code's types never
/// rewrites (or loses) a stored case.</summary>
public sealed class StoredJsonTests
{
    private static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "IntakeBot.Tests", "Cases", "Fixtures");

    [Fact]
    public void A_stored_case_reads_back_and_is_written_again_byte_for_byte()
    {
        var stored = File.ReadAllBytes(Path.Combine(Fixtures, "case.json"));

        var record = BinaryData.FromBytes(stored).ToObjectFromJson<CaseRecord>(BlobCaseStore.Json)!;

        Assert.Equal(CaseStatus.Acknowledged, record.Status);
        Assert.Equal(Convert.ToHexString(stored), Convert.ToHexString(BinaryData.FromObjectAsJson(record, BlobCaseStore.Json).ToArray()));
    }

    [Theory]
    [InlineData("transcript.jsonl")]
    [InlineData("audit.jsonl")]
    public void Stored_log_lines_read_back_and_are_written_again_byte_for_byte(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures, file));

        var again = file.StartsWith("transcript", StringComparison.Ordinal)
            ? lines.Select(l => JsonSerializer.Serialize(JsonSerializer.Deserialize<TranscriptEntry>(l, BlobCaseStore.Json), BlobCaseStore.Json))
            : lines.Select(l => JsonSerializer.Serialize(JsonSerializer.Deserialize<AuditEntry>(l, BlobCaseStore.Json), BlobCaseStore.Json));

        Assert.Equal(lines, again);
    }
}
