using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.IdentityModel.Tokens;

namespace IntakeBot.Bot;

/// <summary>POST /api/messages. A malformed activity is a 400 with no detail, before the adapter sees
/// it. Every way a token can fail ends as 401: the adapter itself answers some token failures (a
/// signature that does not verify, a malformed token, an invalid lifetime) by throwing, which would
/// otherwise be a 500 with a stack trace.</summary>
public static class MessagesEndpoint
{
    public static async Task HandleAsync(HttpContext context, IBotFrameworkHttpAdapter adapter, IBot bot, ILoggerFactory loggers)
    {
        // The body is read twice (checked here, then deserialized by the adapter): buffer it.
        context.Request.EnableBuffering();
        var allowLoopbackHttp = context.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        var problem = await ActivityShape.ProblemAsync(context.Request.Body, allowLoopbackHttp, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            loggers.CreateLogger(typeof(MessagesEndpoint)).LogWarning("A request to /api/messages was refused: the activity is malformed ({Field}).", problem);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        context.Request.Body.Position = 0;
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
