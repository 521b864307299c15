using Azure.Identity;
using Azure.Storage.Blobs;
using IntakeBot.Bot;
using IntakeBot.Capture;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Evidence;
using IntakeBot.Health;
using IntakeBot.Lifecycle;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using IntakeBot.Telemetry;
using IntakeBot.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddTelemetry();
builder.Services.AddSingleton(sp => new TelemetryEndpoints(
    sp.GetRequiredService<IOptions<StorageOptions>>().Value.CasesContainer,
    sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateContainer,
    sp.GetRequiredService<IOptions<SharingOptions>>().Value.GraphBaseUrl));

builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
    .Validate(o => o.AccountUrl is not null || !string.IsNullOrWhiteSpace(o.ConnectionString), "Set Storage:ConnectionString or Storage:AccountUrl.")
    .ValidateOnStart();
builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
builder.Services.AddOptions<RosterOptions>().BindConfiguration(RosterOptions.Section);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => TextCatalog.Load());

// Storage: cases and bot state in two private containers.
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
    var clientOptions = new BlobClientOptions();
    clientOptions.Retry.MaxRetries = options.MaxRetries;
    clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds);
    clientOptions.AddPolicy(new StorageTelemetryPolicy(options.CasesContainer, options.StateContainer, CaseReference.IsValid), Azure.Core.HttpPipelinePosition.PerCall);
    return options.AccountUrl is { } url
        ? new BlobServiceClient(url, new DefaultAzureCredential(), clientOptions)
        : new BlobServiceClient(options.ConnectionString, clientOptions);
});
builder.Services.AddSingleton(sp => new BlobContainers(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
builder.Services.AddHostedService<ContainerInitializer>();
builder.Services.AddIntakeHealthChecks();
builder.Services.AddSingleton<IStorage>(sp => new BlobStateStorage(sp.GetRequiredService<BlobContainers>().State, sp.GetRequiredService<DraftStateTags>().TagsOf));
builder.Services.AddSingleton<ICaseStore, BlobCaseStore>();
builder.Services.AddCaseIndex();
builder.Services.AddOptions<CaseLimits>().BindConfiguration(CaseLimits.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<CaseDrafts>();

// Evidence: fetched only from allowed hosts, never following a redirect elsewhere, streamed into blobs.
builder.Services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section).ValidateDataAnnotations()
    .PostConfigure<IHostEnvironment>((o, env) => o.AllowLoopbackHttp |= env.IsDevelopment())
    .ValidateOnStart();
builder.Services.AddHttpClient(AttachmentFetcher.HttpClientName).RemoveAllLoggers() // download paths name the uploader
    .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) });
builder.Services.AddSingleton<IConnectorTokenProvider, AdapterConnectorTokenProvider>();
builder.Services.AddSingleton<AttachmentFetcher>();
builder.Services.AddSingleton<EvidenceStore>();
builder.Services.AddSingleton<IKeptEvidence, KeptEvidence>();
builder.Services.AddSingleton<EvidenceIntake>();

// Sharing: case files in a drive through Microsoft Graph, app-only, off until a drive is configured.
builder.Services.AddOptions<SharingOptions>().BindConfiguration(SharingOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<SharingOptions>, SharingOptionsValidator>();
builder.Services.AddSingleton(sp => GraphClients.Create(sp.GetRequiredService<IOptions<SharingOptions>>().Value));
builder.Services.AddSingleton<GraphDirectory>();
builder.Services.AddSingleton<CaseDrive>();
builder.Services.AddSingleton<ConflictCheck>();
builder.Services.AddSingleton<SharingService>();
builder.Services.AddSingleton<OwnerCommands>();
builder.Services.AddSingleton<ReporterCommands>();
builder.Services.AddSingleton<ResponderRecognition>();
builder.Services.AddSingleton<CaseLifecycle>();
builder.Services.AddSingleton<CaseTransfer>();
builder.Services.AddSingleton<DeadlineWording>();
builder.Services.AddRetention();
builder.Services.AddLifecycle();

// Conversation: state accessors created once, dialogs, the bot.
builder.Services.AddSingleton<ConversationState>();
builder.Services.AddSingleton<ConversationStateAccessors>();
builder.Services.AddSingleton<IntakeServices>();
builder.Services.AddSingleton<ReportDialog>();
builder.Services.AddSingleton<TakeReportDialog>();
builder.Services.AddSingleton<AddToCaseDialog>();
builder.Services.AddSingleton<AccountOfferDialog>();
builder.Services.AddSingleton<RootDialog>();

// "Report this message": a Teams message kept as evidence from where it was posted.
builder.Services.AddSingleton<CaptureState>();
builder.Services.AddSingleton<TeamsMessageEvidence>();
builder.Services.AddSingleton<MessageCapture>();

// Responders: the roster, where to reach them, and the reference-only notifications they get.
builder.Services.AddSingleton<ResponderRoster>();
builder.Services.AddSingleton<ResponderDirectory>();
builder.Services.AddSingleton<ReporterDirectory>();
builder.Services.AddSingleton<PrivateChat>();
builder.Services.AddSingleton<OwnerNotifier>();
builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<NotificationOutbox>();
builder.Services.AddSingleton<ITurnCommits, CommittedTurns>();
builder.Services.AddHostedService<NotificationSender>();
builder.Services.AddTransient<IBot, IntakeActivityHandler>();

// Teams: which channel and tenants the bot takes activities from at all.
builder.Services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();
builder.Services.AddSingleton<TeamsGuard>();

// Bot Framework: the adapter authenticates every request when the app's credentials are set.
builder.Services.AddOptions<BotOptions>().Configure<IConfiguration>((o, c) => o.MicrosoftAppId = c["MicrosoftAppId"] ?? string.Empty);
builder.Services.AddHttpClient();
builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
    sp.GetRequiredService<IConfiguration>(),
    httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
    logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
builder.Services.AddSingleton<TurnCommit>();
builder.Services.AddSingleton<IntakeAdapter>();
builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<IntakeAdapter>());
builder.Services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<IntakeAdapter>());

var app = builder.Build();

BotAuthentication.RequireOutsideDevelopment(app.Services.GetRequiredService<IOptions<BotOptions>>().Value, app.Environment, app.Logger);

app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
app.MapIntakeHealthChecks();
if (app.Configuration.GetValue<bool>("Diagnostics:EchoEndpoint"))
{
    // The load benchmark's baseline turn; off unless asked for.
    var echo = new EchoBot(app.Services.GetRequiredService<ConversationStateAccessors>());
    app.MapPost("/api/echo", (HttpContext context, IBotFrameworkHttpAdapter adapter, ILoggerFactory loggers) => MessagesEndpoint.HandleAsync(context, adapter, echo, loggers));
}

app.Run();

/// <summary>The entry point, visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
