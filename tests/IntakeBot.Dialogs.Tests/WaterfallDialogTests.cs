using System.Globalization;
using IntakeBot.Dialogs.Prompts;
using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Tests;

public sealed class WaterfallDialogTests
{
    private sealed record Order
    {
        public string? Name { get; set; }

        public long Count { get; set; }

        public bool Gift { get; set; }
    }

    private static readonly string[] Counts = ["one", "two", "three"];

    /// <summary>"two" or "2": the steps, not a prompt, read the answer here.</summary>
    private static long CountOf(string said)
        => long.TryParse(said, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : Array.IndexOf(Counts, said.ToLowerInvariant()) + 1;

    private static PromptOptions Ask(string text, params string[] choices)
        => new() { Prompt = MessageFactory.Text(text), Choices = choices };

    private static string AddOrderDialogs(DialogSet dialogs)
    {
        dialogs.Add(new TextPrompt("text"));
        dialogs.Add(new WaterfallDialog<Order>("order",
        [
            (step, ct) => step.PromptAsync("text", Ask("name?"), ct),
            (step, ct) =>
            {
                step.Values = step.Values with { Name = (string)step.Result! };
                return step.PromptAsync("text", Ask("how many?", Counts), ct);
            },
            (step, ct) =>
            {
                step.Values = step.Values with { Count = CountOf((string)step.Result!) };
                return step.PromptAsync("text", Ask("gift?"), ct);
            },
            (step, ct) =>
            {
                step.Values = step.Values with { Gift = ((string)step.Result!).StartsWith('y') };
                return step.EndDialogAsync($"{step.Values.Name} x{step.Values.Count} gift={step.Values.Gift}", ct);
            },
        ]));
        return "order";
    }

    [Fact]
    public async Task Steps_run_in_order_and_each_receives_the_previous_prompts_answer()
    {
        var harness = new DialogHarness(AddOrderDialogs);

        await harness.Flow()
            .Send("hi").AssertReply("name?")
            .Send("Sam").AssertReply("how many?")
            .Send("TWO").AssertReply("gift?")
            .Send("y").AssertReply("done: Sam x2 gift=True")
            .StartTestAsync();
    }

    [Fact]
    public async Task Typed_values_survive_the_json_round_trip_through_storage_between_turns()
    {
        var storage = new PlainJsonStorage();
        var first = new DialogHarness(AddOrderDialogs, storage);
        await first.Flow().Send("hi").AssertReply("name?").Send("Sam").AssertReply("how many?").Send("3").AssertReply("gift?").StartTestAsync();

        // A new harness on the same storage is a restarted bot: nothing is held in memory any more.
        var restarted = new DialogHarness(AddOrderDialogs, storage);
        await restarted.Flow().Send("no").AssertReply("done: Sam x3 gift=False").StartTestAsync();
    }

    [Fact]
    public async Task Replace_dialog_loops_until_the_step_ends_it_and_next_skips_a_prompt()
    {
        var harness = new DialogHarness(dialogs =>
        {
            dialogs.Add(new TextPrompt("text"));
            dialogs.Add(new WaterfallDialog<Order>("loop",
            [
                (step, ct) =>
                {
                    var count = step.Options<long>();
                    return count >= 2 ? step.NextAsync("enough", ct) : step.PromptAsync("text", Ask($"item {count + 1}?"), ct);
                },
                (step, ct) =>
                {
                    var count = step.Options<long>();
                    return (string)step.Result! == "enough"
                        ? step.EndDialogAsync($"looped {count}", ct)
                        : step.ReplaceDialogAsync("loop", count + 1, ct);
                },
            ]));
            return "loop";
        });

        await harness.Flow()
            .Send("hi").AssertReply("item 1?")
            .Send("a").AssertReply("item 2?")
            .Send("b").AssertReply("done: looped 2")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_waterfall_that_adds_its_own_steps_runs_them_in_order_and_resumes_after_a_restart()
    {
        static string AddGreeting(DialogSet dialogs)
        {
            dialogs.Add(new TextPrompt("text"));
            dialogs.Add(new GreetingDialog());
            return GreetingDialog.DialogId;
        }

        var storage = new PlainJsonStorage();
        await new DialogHarness(AddGreeting, storage).Flow().Send("hi").AssertReply("name?").StartTestAsync();

        var restarted = new DialogHarness(AddGreeting, storage);
        await restarted.Flow().Send("Sam").AssertReply("hello Sam").AssertReply("done: greeted").StartTestAsync();
    }

    /// <summary>A dialog with a name of its own, as the samples write them: its steps are its methods.</summary>
    private sealed class GreetingDialog : WaterfallDialog<Order>
    {
        public const string DialogId = "greeting";

        public GreetingDialog()
            : base(DialogId)
        {
            AddStep(AskNameAsync);
            AddStep(GreetAsync);
        }

        private static Task<DialogTurnResult> AskNameAsync(WaterfallStepContext<Order> step, CancellationToken cancellationToken)
            => step.PromptAsync("text", Ask("name?"), cancellationToken);

        private static async Task<DialogTurnResult> GreetAsync(WaterfallStepContext<Order> step, CancellationToken cancellationToken)
        {
            await step.Context.SendActivityAsync($"hello {step.Result}", cancellationToken: cancellationToken);
            return await step.EndDialogAsync("greeted", cancellationToken);
        }
    }
}
