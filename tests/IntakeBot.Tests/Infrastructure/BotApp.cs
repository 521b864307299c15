using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntakeBot.Tests.Infrastructure;

/// <summary>The real host, in process, on Azurite, with containers of its own so that tests running
/// side by side never see each other's cases.</summary>
public sealed class BotApp : WebApplicationFactory<Program>
{
    public const string FaqUrl = "https://example.test/conduct/faq";
    public const string UrgentHelp = "Security desk, +1 555 0100";
    public const string CrisisHelp = "Crisis line, +1 555 0199";
    public const string DefaultOwner = "owner@contoso.test";

    /// <summary>Where replies and proactive messages go unless a test runs its own connector: a
    /// loopback port nothing listens on, so that no test ever sends traffic off this machine.</summary>
    public const string NowhereServiceUrl = "http://127.0.0.1:9/";

    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public BotApp(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        var suffix = Guid.NewGuid().ToString("N")[..12];
        CasesContainer = settings?.TryGetValue("Storage:CasesContainer", out var cases) == true ? cases! : $"cases-{suffix}";
        StateContainer = settings?.TryGetValue("Storage:StateContainer", out var state) == true ? state! : $"state-{suffix}";
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:CasesContainer"] = CasesContainer,
            ["Storage:StateContainer"] = StateContainer,

            // Its own sweep lease and tombstones too: other classes' apps run on the same Azurite.
            ["Retention:Container"] = $"retention-{suffix}",
            ["Intake:FaqUrl"] = FaqUrl,
            ["Intake:UrgentHelp"] = UrgentHelp,
            ["Intake:CrisisHelp"] = CrisisHelp,
            ["Intake:DefaultOwner"] = DefaultOwner,
            ["Intake:Responders:0"] = DefaultOwner,
            ["MicrosoftAppId"] = string.Empty,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string CasesContainer { get; }

    public string StateContainer { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>Starts the app expecting it to refuse its settings, and returns the validation message it
    /// refused with. WebApplicationFactory at times surfaces a failed start as an ObjectDisposedException
    /// (its deferred host races the app's own disposal); the host has logged the real failure either way.</summary>
    public string StartupFailure()
    {
        var thrown = Assert.ThrowsAny<Exception>(() => CreateClient());
        if ((thrown as OptionsValidationException ?? thrown.InnerException as OptionsValidationException) is { } validation)
        {
            return validation.Message;
        }

        var logged = Logs.Lines.FirstOrDefault(l => l.Contains(nameof(OptionsValidationException), StringComparison.Ordinal));
        Assert.True(logged is not null, $"The app did not refuse its settings; it threw {thrown.GetType().Name}.");
        return logged;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(Logs);
        });
    }
}
