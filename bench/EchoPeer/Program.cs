using Azure.Storage.Blobs;
using IntakeBot.Bench.EchoPeer;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

// Nothing of IntakeBot is referenced: this is what any bot on Bot Framework and Blob Storage pays per turn.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpClient();
builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
    builder.Configuration, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>()));
builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
    sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
var connectionString = builder.Configuration["Storage:ConnectionString"]
    ?? throw new InvalidOperationException("Set Storage:ConnectionString.");
var container = new BlobContainerClient(connectionString, "peerstate");
await container.CreateIfNotExistsAsync();
builder.Services.AddSingleton(container);
builder.Services.AddSingleton<IBot, EchoPeerBot>();

var app = builder.Build();
app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot)
    => adapter.ProcessAsync(request, response, bot, request.HttpContext.RequestAborted));
app.MapGet("/healthz/ready", () => "ready");
await app.RunAsync();
