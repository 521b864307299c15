using IntakeBot.Dialogs.Prompts;
using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Tests;

public sealed class PromptTests
{
    private static string Single(DialogSet dialogs, Dialog prompt, PromptOptions options)
    {
        dialogs.Add(prompt);
        dialogs.Add(new WaterfallDialog<object>("root",
        [
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            (step, ct) => step.EndDialogAsync(step.Result, ct),
        ]));
        return "root";
    }

    [Fact]
    public async Task Text_prompt_sends_the_retry_prompt_for_a_blank_message_and_keeps_waiting()
    {
        var options = new PromptOptions { Prompt = MessageFactory.Text("say something"), RetryPrompt = MessageFactory.Text("I got nothing there") };
        var harness = new DialogHarness(d => Single(d, new TextPrompt("text"), options));

        await harness.Flow()
            .Send("hi").AssertReply("say something")
            .Send("   ").AssertReply("I got nothing there")
            .Send("  hello  ").AssertReply("done: hello")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_validator_that_answers_itself_replaces_the_retry_prompt_and_sees_the_attempt_count()
    {
        var attempts = new List<int>();
        PromptValidator<string> shortOnly = async (ctx, ct) =>
        {
            attempts.Add(ctx.AttemptCount);
            if (ctx.Recognized.Value!.Length <= 5)
            {
                return true;
            }

            await ctx.Context.SendActivityAsync("too long for this one", cancellationToken: ct);
            return false;
        };
        var options = new PromptOptions { Prompt = MessageFactory.Text("short word?"), RetryPrompt = MessageFactory.Text("retry") };
        var harness = new DialogHarness(d => Single(d, new TextPrompt("text", shortOnly), options));

        await harness.Flow()
            .Send("hi").AssertReply("short word?")
            .Send("much too long").AssertReply("too long for this one")
            .Send("ok").AssertReply("done: ok")
            .StartTestAsync();
        Assert.Equal([1, 2], attempts);
    }
}
