using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IntakeBot.Cases;
using IntakeBot.Retention;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Retention;

/// <summary>Retention's real parts on one Azurite and one Graph stand-in: the case store, purges, the
/// tombstone log, the lease and the sweep, with containers of their own and a clock the test moves.</summary>
internal sealed class RetentionRig
{
    public const string OwnerId = "5e0c1a9e-0000-4000-8000-000000000001";
    public const string FolderPath = "Conduct cases";

    public static readonly RetentionPeriods Periods = new(TimeSpan.FromDays(30), TimeSpan.FromDays(365), TimeSpan.FromDays(7), TimeSpan.FromHours(1));

    public RetentionRig(AzuriteFixture azurite, GraphServer graph, BlobServiceClient? service = null, ICaseFolders? folders = null, string? suffix = null, ManualTime? time = null)
    {
        suffix ??= Guid.NewGuid().ToString("N")[..12];
        Service = service ?? azurite.Client;
        Time = time ?? new ManualTime(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Containers = new BlobContainers(Service, new StorageOptions { CasesContainer = $"cases-{suffix}", StateContainer = $"state-{suffix}" });
        Store = new BlobCaseStore(Containers);
        var retention = Options.Create(new RetentionOptions { Container = $"retention-{suffix}", HoldRoles = [HoldRole] });
        RetentionContainer = new RetentionContainer(Service, retention);
        Tombstones = new Tombstones(RetentionContainer, CaseIndexKey.Development);
        Sharing = new SharingOptions { Credential = GraphCredential.None, GraphBaseUrl = new Uri(graph.BaseUrl), DriveId = GraphServer.DriveId, FolderPath = FolderPath, MaxRetries = 0 };
        var graphClient = GraphClients.Create(Sharing);
        Drive = new CaseDrive(graphClient, Options.Create(Sharing));
        Folders = folders ?? new GraphCaseFolders(graphClient, Drive, Options.Create(Sharing));
        CasePurger = new CasePurger(Containers, Store, Folders, Tombstones, Time, NullLogger<CasePurger>.Instance);
        DraftPurge = new DraftPurge(Containers, Store, CasePurger, Tombstones, Time, NullLogger<DraftPurge>.Instance);
        Hold = new LegalHold(Store, retention, Time);
        Sweep = new RetentionSweep(new SweepLease(RetentionContainer, Time), new TaggedExpiringCases(Containers), Store, CasePurger, DraftPurge, Periods, Time);
    }

    public static string HoldRole { get; } = "7a1d0c55-0000-4000-8000-000000000009";

    public BlobServiceClient Service { get; }

    public ManualTime Time { get; }

    public BlobContainers Containers { get; }

    public BlobCaseStore Store { get; }

    public RetentionContainer RetentionContainer { get; }

    public Tombstones Tombstones { get; }

    public SharingOptions Sharing { get; }

    public CaseDrive Drive { get; }

    public ICaseFolders Folders { get; }

    public CasePurger CasePurger { get; }

    public DraftPurge DraftPurge { get; }

    public LegalHold Hold { get; }

    public RetentionSweep Sweep { get; }

    public Task CreateContainersAsync() => Containers.CreateIfMissingAsync(CancellationToken.None);

    /// <summary>Every tombstone written, whatever its reference, oldest first.</summary>
    public async Task<IReadOnlyList<Tombstone>> AllTombstonesAsync()
        => [.. (await TombstoneBlobTextsAsync()).Select(text => JsonSerializer.Deserialize<Tombstone>(text, BlobCaseStore.Json)!).OrderBy(t => t.DeletedAt)];

    /// <summary>The stored text of every tombstone blob.</summary>
    public async Task<IReadOnlyList<string>> TombstoneBlobTextsAsync()
    {
        var texts = new List<string>();
        if (!await RetentionContainer.Client.ExistsAsync())
        {
            return texts;
        }

        await foreach (var item in RetentionContainer.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = Tombstones.Prefix }))
        {
            texts.Add((await RetentionContainer.Client.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        return texts;
    }

    /// <summary>A closed case with a transcript, evidence, an audit log, a snapshot of its record and,
    /// when <paramref name="shared"/>, its folder in the drive shared with one person.</summary>
    public async Task<string> ClosedCaseAsync(TimeSpan closedAgo, string canary, bool shared = true)
    {
        var reference = CaseReference.NewReference();
        var now = Time.GetUtcNow();
        var evidenceName = $"{reference}/evidence/001-screenshot.png";
        var record = new CaseRecord
        {
            Reference = reference,
            Owner = OwnerId,
            Status = CaseStatus.Closed,
            CreatedAt = now - closedAgo - TimeSpan.FromDays(20),
            UpdatedAt = now - closedAgo,
            SubmittedAt = now - closedAgo - TimeSpan.FromDays(20),
            ClosedAt = now - closedAgo,
            Answers = new IntakeAnswers { WhatHappened = [canary] },
            Evidence = [new IntakeBot.Cases.EvidenceItem(1, evidenceName, "screenshot.png", "screenshot.png", "image/png", 4, "00", "reporter", now)],
        };
        Assert.True(await Store.TryCreateAsync(record, CancellationToken.None));
        await Store.AppendTranscriptAsync(reference, [new TranscriptEntry(now, TranscriptDirection.In, "message", "a1", "reporter", canary, null)], CancellationToken.None);
        await Containers.Cases.GetBlobClient(evidenceName).UploadAsync(BinaryData.FromString(canary));
        await Store.AppendAuditAsync(reference, new AuditEntry(now, OwnerId, AuditAction.Share, "someone", AuditResult.Done), CancellationToken.None);
        await Containers.Cases.GetBlobClient($"{reference}/case.json").CreateSnapshotAsync();

        if (shared)
        {
            var path = $"{FolderPath}/{reference}";
            using var file = new MemoryStream(Encoding.UTF8.GetBytes(canary));
            var caseFile = await Drive.UploadAsync($"{path}/{reference}.docx", file, file.Length, CancellationToken.None);
            var folderId = await Drive.FolderIdAsync(path, CancellationToken.None);
            // Invitations name the Graph user id, as SharingService sends them (SweepTests adds u-alex).
            await Drive.InviteAsync(folderId, "u-alex", "for you", CancellationToken.None);
            await Store.UpdateAsync(reference, r => r with { Shared = new SharedFolder(folderId, caseFile.Id!, [], now) }, CancellationToken.None);
        }

        await TagAsync(reference);
        return reference;
    }

    /// <summary>Stands in for the case store's own index tags (built beside this work): case.json gets
    /// <c>expiresOn</c> from <see cref="CaseExpiry"/> after every change, other tags kept.</summary>
    public async Task TagAsync(string reference)
    {
        var blob = Containers.Cases.GetBlobClient($"{reference}/case.json");
        var record = (await Store.GetAsync(reference, CancellationToken.None))!;
        var tags = new Dictionary<string, string>((await blob.GetTagsAsync()).Value.Tags);
        tags.Remove(RetentionTags.ExpiresOn);
        if (CaseExpiry.Tag(record, Periods.ClosedCase) is { } expiresOn)
        {
            tags[RetentionTags.ExpiresOn] = expiresOn;
        }

        await blob.SetTagsAsync(tags);
    }

    /// <summary>Every blob of every container, with snapshots, versions and deleted ones, as names.</summary>
    public async Task<List<string>> AllBlobNamesAsync(string? prefix = null)
    {
        var names = new List<string>();
        foreach (var container in new[] { Containers.Cases, Containers.State, RetentionContainer.Client })
        {
            if (!await container.ExistsAsync())
            {
                continue;
            }

            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Snapshots | BlobStates.Deleted | BlobStates.Uncommitted, Prefix = prefix }))
            {
                names.Add($"{container.Name}/{item.Name}{(item.Snapshot is null ? "" : $"@{item.Snapshot}")}");
            }
        }

        return names;
    }

    /// <summary>Blobs (snapshots included) anywhere whose bytes contain <paramref name="canary"/>.</summary>
    public async Task<List<string>> BlobsContainingAsync(string canary)
    {
        var found = new List<string>();
        foreach (var container in new[] { Containers.Cases, Containers.State, RetentionContainer.Client })
        {
            if (!await container.ExistsAsync())
            {
                continue;
            }

            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Snapshots }))
            {
                var blob = container.GetBlobClient(item.Name);
                blob = item.Snapshot is null ? blob : blob.WithSnapshot(item.Snapshot);
                if ((await blob.DownloadContentAsync()).Value.Content.ToString().Contains(canary, StringComparison.Ordinal))
                {
                    found.Add($"{container.Name}/{item.Name}");
                }
            }
        }

        return found;
    }
}
