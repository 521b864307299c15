using IntakeBot.Cases;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Cases;

public sealed class CaseStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_process_updating_from_the_copy_it_wrote_last_never_overwrites_a_change_another_process_made()
    {
        var options = new StorageOptions { CasesContainer = $"cases-{Guid.NewGuid():N}"[..20], StateContainer = $"state-{Guid.NewGuid():N}"[..20] };
        var containers = new BlobContainers(azurite.Client, options);
        await containers.CreateIfMissingAsync(CancellationToken.None);
        var first = new BlobCaseStore(containers);
        var second = new BlobCaseStore(new BlobContainers(azurite.Client, options));
        var now = DateTimeOffset.UtcNow;
        var reference = CaseReference.NewReference();
        await first.TryCreateAsync(new CaseRecord { Reference = reference, Owner = "owner", CreatedAt = now, UpdatedAt = now, Reporter = new Reporter("29:r", "r", "R") }, CancellationToken.None);

        await second.UpdateAsync(reference, c => c with { Additions = [.. c.Additions, new Addition(now, "r", "from the other process")] }, CancellationToken.None);
        await first.UpdateAsync(reference, c => c with { Answers = c.Answers with { When = "Monday" } }, CancellationToken.None);

        var stored = await new BlobCaseStore(containers).GetAsync(reference, CancellationToken.None);
        Assert.Equal("Monday", stored!.Answers.When);
        Assert.Equal("from the other process", Assert.Single(stored.Additions).Text);
    }
}
