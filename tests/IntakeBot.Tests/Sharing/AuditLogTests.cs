using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Sharing;

public sealed class AuditLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Concurrent_audit_entries_are_all_kept_each_on_its_own_line()
    {
        var containers = new BlobContainers(azurite.Client, new StorageOptions { CasesContainer = $"audit-{Guid.NewGuid():N}"[..20], StateContainer = $"state-{Guid.NewGuid():N}"[..20] });
        await containers.CreateIfMissingAsync(CancellationToken.None);
        var store = new BlobCaseStore(containers);
        var reference = CaseReference.NewReference();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            store.AppendAuditAsync(reference, new AuditEntry(DateTimeOffset.UtcNow, "owner", AuditAction.Share, $"person{i}@contoso.test", AuditResult.Granted), CancellationToken.None)));

        var entries = await store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => $"person{i}@contoso.test").Order(), entries.Select(e => e.Whom!).Order());
    }
}
