using System.Security.Cryptography;
using IntakeBot.Cases;
using IntakeBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace IntakeBot.Tests.Cases;

public sealed class IndexKeySettingTests
{
    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Production", "c2hvcnQ=", false)]
    [InlineData("Production", "not base64!", false)]
    [InlineData("Development", null, true)]
    public void Start_up_refuses_a_missing_short_or_malformed_index_key_outside_development(string environment, string? key, bool accepted)
    {
        var result = Validate(environment, key);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains("Storage:IndexKey", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_configured_key_is_used_and_keys_the_tags()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Assert.True(Validate(Environments.Production, key).Succeeded);

        var configured = CaseIndexKey.FromOptions(new StorageOptions { IndexKey = key });

        Assert.NotEqual(CaseIndexKey.Development.Of("owner@contoso.test"), configured.Of("owner@contoso.test"));
        Assert.Equal(configured.Of("owner@contoso.test"), configured.Of(" Owner@Contoso.test"));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, string? key)
        => new StorageOptionsValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new StorageOptions { IndexKey = key });
}
