using System.Net;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Workspace;

/// <summary>The owner's list is the index query <c>cases</c> uses: among thousands of other owners' cases
/// (written through the product's own store, so their tags are the real ones), page after page holds
/// exactly the owner's submitted cases, each once. Under Azurite's 5,000-blob limit on tag queries.</summary>
[LongRunning]
public sealed class WorkspaceAmongThousandsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Others = 2500;
    private const int PageSize = 7;

    [Fact]
    public async Task An_owner_sees_exactly_their_cases_page_by_page_among_thousands_of_others()
    {
        await using var workspace = await WorkspaceApp.StartAsync(azurite, new Dictionary<string, string?> { ["Workspace:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var now = DateTimeOffset.UtcNow;
        var mine = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            mine.Add(await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Status = i % 4 == 0 ? CaseStatus.Closed : i % 4 == 1 ? CaseStatus.Acknowledged : CaseStatus.Submitted, UpdatedAt = now.AddMinutes(-i) }));
        }

        // The owner's own draft is not a case yet: never listed.
        var draft = await workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Status = CaseStatus.Draft, SubmittedAt = null });
        await Parallel.ForAsync(0, Others, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var record = new CaseRecord
            {
                Reference = CaseReference.NewReference(),
                Owner = i % 3 == 0 ? WorkspaceApp.OtherResponderId : $"owner-{i % 250}@contoso.test",
                Status = CaseStatus.Submitted,
                CreatedAt = now,
                UpdatedAt = now,
                SubmittedAt = now,
            };
            Assert.True(await workspace.Store.TryCreateAsync(record, token));
        });

        using var owner = workspace.Owner();
        var listed = new List<string>();
        int total;
        var page = 1;
        do
        {
            var response = await owner.GetAsync($"/api/workspace/cases?page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            total = body["total"]!.GetValue<int>();
            var cases = body["cases"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()).ToList();
            Assert.InRange(cases.Count, 1, PageSize);
            listed.AddRange(cases);
            page++;
        }
        while (listed.Count < total);

        Assert.Equal(mine.Count, total);
        Assert.Equal(mine.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(draft, listed);
    }
}
