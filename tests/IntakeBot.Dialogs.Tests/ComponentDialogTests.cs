using IntakeBot.Dialogs.Prompts;
using Microsoft.Bot.Builder;

namespace IntakeBot.Dialogs.Tests;

public sealed class ComponentDialogTests
{
    private sealed record Answers
    {
        public string? First { get; set; }
    }

    /// <summary>A component that answers "help" at any step, as the product's intake does.</summary>
    private sealed class TwoQuestions : ComponentDialog
    {
        public TwoQuestions()
            : base("two")
        {
            AddDialog(new WaterfallDialog<Answers>("steps",
            [
                (step, ct) => step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("first?") }, ct),
                (step, ct) =>
                {
                    step.Values = step.Values with { First = (string)step.Result! };
                    return step.PromptAsync("text", new PromptOptions { Prompt = MessageFactory.Text("second?") }, ct);
                },
                (step, ct) => step.EndDialogAsync($"{step.Values.First}+{step.Result}", ct),
            ]));
            AddDialog(new TextPrompt("text"));
        }

        protected override async Task<bool> OnInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
        {
            switch (innerDc.Context.Activity.Text?.Trim().ToUpperInvariant())
            {
                case "HELP":
                    await innerDc.Context.SendActivityAsync("here is help", cancellationToken: cancellationToken);
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return true;
                case "STOP":
                    await innerDc.CancelAllDialogsAsync(cancellationToken);
                    await innerDc.Context.SendActivityAsync("stopped", cancellationToken: cancellationToken);
                    return true;
                default:
                    return false;
            }
        }
    }

    [Fact]
    public async Task An_interruption_answers_and_asks_the_same_step_again_without_losing_earlier_answers()
    {
        var harness = new DialogHarness(d => d.Add(new TwoQuestions()) is { } ? "two" : "");

        await harness.Flow()
            .Send("hi").AssertReply("first?")
            .Send("a").AssertReply("second?")
            .Send("help").AssertReply("here is help").AssertReply("second?")
            .Send("b").AssertReply("done: a+b")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_component_ends_with_its_inner_result_and_the_stack_is_empty_afterwards()
    {
        var storage = new PlainJsonStorage();
        var harness = new DialogHarness(d => d.Add(new TwoQuestions()) is { } ? "two" : "", storage);

        await harness.Flow()
            .Send("hi").AssertReply("first?")
            .Send("x").AssertReply("second?")
            .Send("y").AssertReply("done: x+y")
            .Send("again").AssertReply("first?")
            .StartTestAsync();
        Assert.Equal("x+y", harness.LastResult);
    }

    [Fact]
    public async Task Cancelling_inside_the_component_clears_the_whole_stack()
    {
        var harness = new DialogHarness(d => d.Add(new TwoQuestions()) is { } ? "two" : "");

        await harness.Flow()
            .Send("hi").AssertReply("first?")
            .Send("stop").AssertReply("stopped")
            .Send("hello").AssertReply("first?")
            .StartTestAsync();
    }
}
