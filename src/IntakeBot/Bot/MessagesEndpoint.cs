using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.IdentityModel.Tokens;

namespace IntakeBot.Bot;

/// <summary>POST /api/messages. Every way a token can fail ends as 401: the adapter itself answers
/// some token failures (a signature that does not verify, a malformed token, an invalid lifetime) by
/// throwing, which would otherwise be a 500 with a stack trace.</summary>
public static class MessagesEndpoint
{
    public static async Task HandleAsync(HttpContext context, IBotFrameworkHttpAdapter adapter, IBot bot, ILoggerFactory loggers)
    {
        try
        {
            await adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SecurityTokenException or UnauthorizedAccessException or ArgumentException && !context.Response.HasStarted)
        {
            loggers.CreateLogger(typeof(MessagesEndpoint)).LogWarning("A request to /api/messages was refused: its token failed validation ({ExceptionType}).", e.GetType().FullName);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
    }
}
