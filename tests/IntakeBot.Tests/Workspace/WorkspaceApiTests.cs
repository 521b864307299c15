using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Evidence;
using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IntakeBot.Tests.Workspace;

/// <summary>The owner's list, case, evidence and actions over HTTP, on Azurite: the same cases, access
/// rule and audit as the chat's commands.</summary>
public sealed class WorkspaceApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private WorkspaceApp _workspace = null!;

    public async Task InitializeAsync() => _workspace = await WorkspaceApp.StartAsync(azurite);

    public async Task DisposeAsync() => await _workspace.DisposeAsync();

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task An_owner_sees_exactly_their_own_cases_most_urgent_first()
    {
        var past = DateTimeOffset.UtcNow.AddDays(-3);
        var plain = await _workspace.SeedAsync(WorkspaceApp.OwnerId);
        var overdue = await _workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Deadlines = [new CaseDeadline(DeadlineKind.Acknowledge, past, past.AddDays(-1))] });
        var unsafeCase = await _workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { SafetyConcern = true, Answers = new IntakeAnswers { ContactChoice = ContactAnswer.NoContact } });
        var closed = await _workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with { Status = CaseStatus.Closed, ClosedAt = r.CreatedAt });
        var others = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            others.Add(await _workspace.SeedAsync(i % 2 == 0 ? WorkspaceApp.OtherResponderId : "someone.else@contoso.test"));
        }

        using var owner = _workspace.Owner();
        var list = await JsonAsync(await owner.GetAsync("/api/workspace/cases"));
        var onlySafety = await JsonAsync(await owner.GetAsync("/api/workspace/cases?safety=true"));
        var onlyOpen = await JsonAsync(await owner.GetAsync("/api/workspace/cases?status=open&overdue=false"));

        var references = list["cases"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { unsafeCase, overdue, plain, closed }, references);
        Assert.Equal(4, list["total"]!.GetValue<int>());
        Assert.True(list["cases"]![0]!["noContact"]!.GetValue<bool>());
        Assert.True(list["cases"]![1]!["overdue"]!.GetValue<bool>());
        Assert.Equal(new[] { unsafeCase }, onlySafety["cases"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));
        Assert.Equal(new[] { unsafeCase, plain }, onlyOpen["cases"]!.AsArray().Select(c => c!["reference"]!.GetValue<string>()));
        Assert.DoesNotContain(references, others.Contains);
    }

    public static TheoryData<string, string> Routes() => new()
    {
        { "GET", "/api/workspace/cases/{0}" },
        { "GET", "/api/workspace/cases/{0}/evidence/1" },
        { "POST", "/api/workspace/cases/{0}/acknowledge" },
        { "POST", "/api/workspace/cases/{0}/close" },
        { "POST", "/api/workspace/cases/{0}/note" },
        { "POST", "/api/workspace/cases/{0}/message" },
        { "POST", "/api/workspace/cases/{0}/summary" },
        { "POST", "/api/workspace/cases/{0}/hold" },
        { "POST", "/api/workspace/cases/{0}/release" },
        { "POST", "/api/workspace/cases/{0}/transfer" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Someone_who_does_not_own_the_case_gets_what_a_missing_case_gets(string method, string route)
    {
        var reference = await EvidencedCaseAsync();
        using var owner = _workspace.Owner();
        using var other = _workspace.Client(_workspace.Issuer.UserToken(WorkspaceApp.OtherResponderId));
        using var stranger = _workspace.Client(_workspace.Issuer.UserToken(Guid.NewGuid().ToString()));

        var refusedOther = await SendAsync(other, method, string.Format(route, reference));
        var refusedStranger = await SendAsync(stranger, method, string.Format(route, reference));
        var missing = await SendAsync(owner, method, string.Format(route, "IR-00000000"));
        var allowed = await SendAsync(owner, method, string.Format(route, reference));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var missingBody = await missing.Content.ReadAsStringAsync();
        foreach (var refused in new[] { refusedOther, refusedStranger })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(missingBody, await refused.Content.ReadAsStringAsync());
        }

        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.All(audit, a => Assert.Equal(WorkspaceApp.OwnerId, a.By));
    }

    [Fact]
    public async Task The_case_is_read_in_full_and_audited_and_evidence_only_downloads()
    {
        var reference = await EvidencedCaseAsync();
        using var owner = _workspace.Owner();

        var detail = await JsonAsync(await owner.GetAsync($"/api/workspace/cases/{reference}"));
        var download = await owner.GetAsync($"/api/workspace/cases/{reference}/evidence/1");

        Assert.Contains(detail["answers"]!.AsArray(), a => a!["lines"]!.AsArray().Any(l => l!.GetValue<string>() == "It happened <b>twice</b> in the corridor."));
        var evidence = detail["evidence"]![0]!;
        Assert.Equal(64, evidence["sha256"]!.GetValue<string>().Length);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("pasted words from the chat", await download.Content.ReadAsStringAsync());
        var audit = await _workspace.Store.ReadAuditAsync(reference, CancellationToken.None);
        Assert.Equal(new[] { null, "evidence-1" }, audit.Where(a => a.Action == AuditAction.View).Select(a => a.Detail));
    }

    [Theory]
    [InlineData("de-DE", "de", "Kontakt", "Bitte nicht kontaktieren", "Ihre Fälle")]
    [InlineData("es-419", "es", "Contacto", "Prefiero que no me contacten", "Sus casos")]
    [InlineData("en-GB", "en", "Contact", "Please don't contact me", "Your cases")]
    [InlineData("ja-JP", "en", "Contact", "Please don't contact me", "Your cases")]
    public async Task The_case_and_the_tabs_words_are_in_the_owners_language_with_choices_as_meanings_and_sizes_readable(string locale, string language, string contactTitle, string noContact, string title)
    {
        var reference = await EvidencedCaseAsync(new IntakeAnswers { WhatHappened = ["Me gritó delante de todos."], ContactChoice = ContactAnswer.NoContact });
        using var owner = _workspace.Owner();

        var detail = await JsonAsync(await owner.GetAsync($"/api/workspace/cases/{reference}?locale={locale}"));
        var texts = await JsonAsync(await owner.GetAsync($"/api/workspace/texts?locale={locale}"));

        Assert.Equal(language, detail["language"]!.GetValue<string>());
        var answers = detail["answers"]!.AsArray().ToDictionary(a => a!["title"]!.GetValue<string>(), a => a!["lines"]!.AsArray().Select(l => l!.GetValue<string>()).ToList());
        Assert.Contains(["Me gritó delante de todos."], answers.Values);
        Assert.Equal([noContact], answers[contactTitle]);
        Assert.Equal("1 KB", detail["evidence"]![0]!["sizeText"]!.GetValue<string>());
        Assert.Equal(language, texts["language"]!.GetValue<string>());
        Assert.Equal(title, texts["texts"]!["WorkspaceTitle"]!.GetValue<string>());
        Assert.All(texts["texts"]!.AsObject(), w => Assert.False(string.IsNullOrWhiteSpace(w.Value!.GetValue<string>()), w.Key));
    }

    private async Task<string> EvidencedCaseAsync(IntakeAnswers? answers = null)
    {
        var reference = await _workspace.SeedAsync(WorkspaceApp.OwnerId, r => r with
        {
            Reporter = new Reporter("29:reporter", Guid.NewGuid().ToString(), null),
            Answers = answers ?? new IntakeAnswers { WhatHappened = ["It happened <b>twice</b> in the corridor."] },
        });
        var item = await _workspace.App.Services.GetRequiredService<EvidenceStore>().SaveTextAsync(reference, "seed-1", "pasted words from the chat", "reporter", 10_000, CancellationToken.None);
        await _workspace.Store.UpdateAsync(reference, r => r with { Evidence = [item with { Number = 1 }] }, CancellationToken.None);
        return reference;
    }

    /// <summary>The request a page would send; a transfer names the other responder, whom the owner may hand the case to.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
        => method == "GET" ? client.GetAsync(path)
            : client.PostAsJsonAsync(path, new { requestId = Guid.NewGuid(), text = path.EndsWith("/transfer", StringComparison.Ordinal) ? WorkspaceApp.OtherResponderId : "checked in with them" });
}
