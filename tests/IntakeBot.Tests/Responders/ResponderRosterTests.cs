using IntakeBot.Responders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Responders;

/// <summary>Who is a responder, decided from the ids alone (as a web view would, with no Teams turn).</summary>
public sealed class ResponderRosterTests
{
    private const string ObjectId = "5b0f6c8e-2d3a-4e1f-9a7b-0c1d2e3f4a5b";
    private const string Upn = "Sam.Lee@Contoso.com";

    private static readonly ResponderRoster Roster = new(
        Options.Create(new RosterOptions { Responders = [$" {ObjectId.ToUpperInvariant()} ", Upn] }),
        NullLogger<ResponderRoster>.Instance);

    [Fact]
    public void A_person_on_the_roster_is_found_by_object_id_or_by_UPN_in_any_case()
    {
        Assert.Equal(ObjectId, Roster.Match(ObjectId, upn: null));
        Assert.Equal("sam.lee@contoso.com", Roster.Match("0f0e0d0c-0000-4000-8000-000000000000", "sam.lee@CONTOSO.com"));
        Assert.Equal("sam.lee@contoso.com", Roster.Match(aadObjectId: null, Upn));
    }

    [Fact]
    public void The_object_id_entry_wins_when_both_are_on_the_roster_and_nobody_else_matches()
    {
        Assert.Equal(ObjectId, Roster.Match(ObjectId, Upn));
        Assert.Null(Roster.Match("0f0e0d0c-0000-4000-8000-000000000000", "someone.else@contoso.com"));
        Assert.Null(Roster.Match(aadObjectId: null, upn: null));
    }
}
