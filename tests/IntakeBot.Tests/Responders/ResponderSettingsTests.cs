using IntakeBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Responders;

/// <summary>The bot's identity and the roster, as a careless operator might set them: the host refuses
/// to start and says which key is wrong, never what a secret is.</summary>
public sealed class ResponderSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Secret = "CANARY-secret-7d1e-otter";

    private static string Failure(BotApp app) => app.StartupFailure();

    [Fact]
    public void An_app_id_that_is_not_a_guid_stops_start_up_naming_the_key()
    {
        using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "intakebot-prod",
            ["MicrosoftAppPassword"] = Secret,
        });

        var message = Failure(app);

        Assert.Contains("MicrosoftAppId is not an Entra app (client) id", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outbox_lease_azure_would_refuse_stops_start_up_naming_the_key()
    {
        using var app = new BotApp(azurite, new Dictionary<string, string?> { ["Notifications:LeaseSeconds"] = "90" });

        Assert.Contains("Notifications:LeaseSeconds must be between 15 and 60", Failure(app), StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_app_type_and_a_single_tenant_app_without_a_tenant_id_or_password_stop_start_up()
    {
        using (var misspelled = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTennant",
            ["MicrosoftAppId"] = TokenIssuer.AppId,
            ["MicrosoftAppPassword"] = Secret,
        }))
        {
            var message = Failure(misspelled);
            Assert.Contains("MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI", message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
        }

        using var singleTenant = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = TokenIssuer.AppId,
            ["MicrosoftAppTenantId"] = "contoso.onmicrosoft.com",
        });
        var both = Failure(singleTenant);
        Assert.Contains("MicrosoftAppTenantId must be the tenant id", both, StringComparison.Ordinal);
        Assert.Contains("MicrosoftAppPassword is required", both, StringComparison.Ordinal);
    }

    [Fact]
    public void A_managed_identity_with_a_password_as_well_stops_start_up()
    {
        using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "UserAssignedMSI",
            ["MicrosoftAppId"] = TokenIssuer.AppId,
            ["MicrosoftAppTenantId"] = HttpChat.TenantId,
            ["MicrosoftAppPassword"] = Secret,
        });

        var message = Failure(app);

        Assert.Contains("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_listed_twice_on_the_roster_stops_start_up_naming_both_keys()
    {
        var responder = Guid.NewGuid().ToString();
        using var app = new BotApp(azurite, new Dictionary<string, string?>
        {
            ["Intake:Responders:1"] = responder,
            ["Intake:Responders:2"] = $" {responder.ToUpperInvariant()} ",
        });

        Assert.Contains("Intake:Responders:2 repeats Intake:Responders:1", Failure(app), StringComparison.Ordinal);
    }
}
