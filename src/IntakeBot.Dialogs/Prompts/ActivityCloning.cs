using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace IntakeBot.Dialogs.Prompts;

internal static class ActivityCloning
{
    /// <summary>A prompt is sent more than once (retries, reprompts); each send gets its own copy so
    /// that ids and timestamps set by the adapter on one send never leak into the next.</summary>
    public static Activity CloneForSend(this Activity activity)
        => JsonConvert.DeserializeObject<Activity>(JsonConvert.SerializeObject(activity))!;
}
