using IntakeBot.Bot;
using IntakeBot.Capture;
using IntakeBot.Cases;
using IntakeBot.Conversation;
using IntakeBot.Evidence;
using IntakeBot.Health;
using IntakeBot.Lifecycle;
using IntakeBot.Listening;
using IntakeBot.Responders;
using IntakeBot.Retention;
using IntakeBot.Sharing;
using IntakeBot.Storage;
using IntakeBot.Telemetry;
using IntakeBot.Text;
using IntakeBot.Workspace;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddTelemetry();
builder.Services.AddSingleton(sp => new TelemetryEndpoints(
    sp.GetRequiredService<IOptions<StorageOptions>>().Value.CasesContainer,
    sp.GetRequiredService<IOptions<StorageOptions>>().Value.StateContainer,
    sp.GetRequiredService<IOptions<SharingOptions>>().Value.GraphBaseUrl));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => TextCatalog.Load());

// One capability a line, from the bottom of the folders' direction up. Hosted services start in the
// order they are added: the containers (AddCases) before any background pass, the retention container
// (AddRetention) before the lifecycle's lease on it.
builder.Services.AddCases();
builder.Services.AddIntakeHealthChecks();
builder.Services.AddEvidence();
builder.Services.AddSharing();
builder.Services.AddRetention();
builder.Services.AddLifecycle();
builder.Services.AddResponders();
builder.Services.AddConversation();
builder.Services.AddListening();
builder.Services.AddCapture();
builder.Services.AddBot();
builder.Services.AddWorkspace(builder.Configuration);

var app = builder.Build();

BotAuthentication.RequireOutsideDevelopment(app.Services.GetRequiredService<IOptions<BotOptions>>().Value, app.Environment, app.Logger);

app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
app.MapIntakeHealthChecks();
app.UseWorkspace();
if (app.Configuration.GetValue<bool>("Diagnostics:EchoEndpoint"))
{
    // The load benchmark's baseline turn; off unless asked for.
    var echo = new EchoBot(app.Services.GetRequiredService<ConversationStateAccessors>());
    app.MapPost("/api/echo", (HttpContext context, IBotFrameworkHttpAdapter adapter, ILoggerFactory loggers) => MessagesEndpoint.HandleAsync(context, adapter, echo, loggers));
}

app.Run();

/// <summary>The entry point, visible to the end-to-end tests' WebApplicationFactory.</summary>
public partial class Program;
