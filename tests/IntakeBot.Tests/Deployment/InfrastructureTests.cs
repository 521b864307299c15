using System.Text.Json.Nodes;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.Deployment;

/// <summary>infra/ compiles with the Bicep CLI from NuGet, with no error and no warning, and describes
/// what the bot needs; a broken template fails with the line that is wrong.</summary>
[LongRunning]
public sealed class InfrastructureTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void The_templates_compile_without_errors_or_warnings_and_hold_every_resource_the_bot_needs()
    {
        Assert.Equal(string.Empty, compiled.Errors.Trim());
        Assert.Equal(0, compiled.ExitCode);
        var resources = compiled.Template["resources"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()).ToList();
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", resources);
        Assert.Contains("Microsoft.BotService/botServices/channels", resources);
        Assert.Contains("Microsoft.Web/sites", resources);
        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers", resources);
        Assert.Contains("Microsoft.Authorization/roleAssignments", resources);
        Assert.Contains("Microsoft.Insights/components", resources);
        var storage = compiled.Template["resources"]!.AsArray().Single(r => r!["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts")!["properties"]!;
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public void The_app_runs_on_two_instances_with_cpu_autoscale_storage_only_on_a_private_endpoint_and_readiness_as_health_check()
    {
        Assert.Equal(0, compiled.ExitCode);
        var template = compiled.Template;
        var resources = template["resources"]!.AsArray().Select(r => r!).ToList();
        JsonNode Resource(string type) => resources.Single(r => r["type"]!.GetValue<string>() == type);
        Assert.Equal(2, template["parameters"]!["instanceCount"]!["defaultValue"]!.GetValue<int>());
        Assert.True(template["parameters"]!["privateNetworking"]!["defaultValue"]!.GetValue<bool>());
        Assert.Equal("[parameters('instanceCount')]", Resource("Microsoft.Web/serverfarms")["sku"]!["capacity"]!.GetValue<string>());
        var autoscale = Resource("Microsoft.Insights/autoscalesettings")["properties"]!["profiles"]![0]!;
        Assert.Contains("maxInstances", autoscale["capacity"]!["maximum"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(autoscale["rules"]!.AsArray(), r => Assert.Equal("CpuPercentage", r!["metricTrigger"]!["metricName"]!.GetValue<string>()));
        Assert.Equal("[if(parameters('privateNetworking'), 'Disabled', 'Enabled')]", Resource("Microsoft.Storage/storageAccounts")["properties"]!["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal(["blob"], Resource("Microsoft.Network/privateEndpoints")["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Contains("privatelink.blob.", Resource("Microsoft.Network/privateDnsZones")["name"]!.GetValue<string>(), StringComparison.Ordinal);
        var site = Resource("Microsoft.Web/sites")["properties"]!;
        Assert.Contains("subnets", site["virtualNetworkSubnetId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/healthz/ready", site["siteConfig"]!["healthCheckPath"]!.GetValue<string>());
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", site["siteConfig"]!["appSettings"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_key_is_a_Key_Vault_reference_and_no_publishing_endpoint_accepts_a_password()
    {
        Assert.Equal(0, compiled.ExitCode);
        var template = compiled.Template;
        var resources = template["resources"]!.AsArray().Select(r => r!).ToList();
        var site = resources.Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites")["properties"]!;
        var settings = site["siteConfig"]!["appSettings"]!.GetValue<string>();
        Assert.Contains("'Storage__IndexKey', 'value', format('@Microsoft.KeyVault(SecretUri=", settings, StringComparison.Ordinal);
        Assert.DoesNotContain(template["parameters"]!.AsObject(), p => p.Value!["type"]!.GetValue<string>() == "securestring");
        Assert.Contains("userAssignedIdentities", site["keyVaultReferenceIdentity"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(resources, r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments" && r["scope"]?.GetValue<string>() is { } scope && scope.Contains("Microsoft.KeyVault/vaults/secrets", StringComparison.Ordinal));
        var basicAuth = resources.Where(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["'ftp')]", "'scm')]"], basicAuth.Select(r => r["name"]!.GetValue<string>().Split(", ")[^1]).Order(StringComparer.Ordinal));
        Assert.All(basicAuth, r => Assert.False(r["properties"]!["allow"]!.GetValue<bool>()));
        Assert.Equal("Disabled", site["siteConfig"]!["ftpsState"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_typo_in_the_template_fails_the_build_naming_the_line()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("bicep-").FullName, "main.bicep");
        var lines = await File.ReadAllLinesAsync(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
        var line = Array.FindIndex(lines, l => l.Contains("allowBlobPublicAccess: false", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("false", "flase", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(broken, lines);

        var (exitCode, _, errors) = await Bicep.BuildAsync(broken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"main.bicep({line + 1},", errors, StringComparison.Ordinal);
    }
}
