using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Tests.Infrastructure;

namespace IntakeBot.Tests.EndToEnd;

/// <summary>For every step of every flow: the bot process is killed (SIGKILL) right after it
/// acknowledged the answer, started again on the same storage, and the next message continues at the
/// next step with every earlier answer kept. One class a flow (<see cref="ReporterRestartMatrixTests"/>,
/// <see cref="ResponderRestartMatrixTests"/>), so that the two flows' process starts run side by side
/// instead of one after the other at the end of a run.</summary>
[LongRunning]
public abstract class RestartMatrixTests(AzuriteFixture azurite, string flow) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string[][]> Flows = new()
    {
        {
            "reporter",
            [
                ["report", "Tell me what happened, in your own words"],
                ["It started at the offsite", "Noted."],
                ["done", "Is there anything else about what was said or done"],
                ["skip", "Did this happen to you"],
                ["It happened to me", "When did it happen?"],
                ["In March", "Is it still going on?"],
                ["Not sure", "Are you safe right now?"],
                ["No", "Security desk"],
                ["carry on", "Where did it happen"],
                ["Both", "Where exactly?"],
                ["The offsite hotel", "Who was involved?"],
                ["A colleague from sales", "Did anyone else see or hear it?"],
                ["skip", "If you'd like to, tell me how this has affected you."],
                ["I avoid the sales floor", "Do you have anything that shows what happened"],
                ["a pasted message: meet me later", "Saved the text you pasted"],
                ["done", "Is there anything else you'd like to add"],
                ["skip", "Would you like to be contacted"],
                ["A Teams chat is fine", "Are there safe times or ways to reach you"],
                ["skip", "Here is your report"],
                ["edit", "Which part would you like to change?"],
                ["When", "In March"],
                ["In early March", "Here is your report"],
                ["submit", "Your report is submitted"],
            ]
        },
        {
            "responder",
            [
                ["take a report", "Who is reporting?"],
                ["Prefers not to say", "tell them who will see these notes"],
                ["They agreed", "Note their account in their own words."],
                ["They were shouted at", "Noted."],
                ["done", "When did it happen, as they told it?"],
                ["Last week", "Is the person telling you this safe right now?"],
                ["Yes", "Where did it happen"],
                ["In person", "Where exactly?"],
                ["skip", "Who was involved, as they described it?"],
                ["Their manager", "Did anyone else see or hear it?"],
                ["skip", "What feelings did they convey"],
                ["Shaken", "Attach any screenshots"],
                ["skip", "What questions or wishes did they have"],
                ["A check-in next week", "Here are your notes"],
                ["submit", "Before you finish"],
            ]
        },
    };

    /// <summary>Conversations that go through the flow at once, each a step behind the one before: a kill
    /// ends each of them after a different step, so the flow's kill points take a few process starts
    /// instead of one a step (a start and its first turn cost about 1.7 s of CPU, a later turn 30 ms).</summary>
    private const int Conversations = 6;

    [Fact]
    public async Task After_a_kill_between_any_two_steps_the_next_message_continues_at_the_next_step()
    {
        var steps = Flows[flow];
        await using var bot = new BotProcess(azurite);
        var people = Enumerable.Range(0, Conversations).Select(_ => Guid.NewGuid().ToString()).ToArray();
        for (var c = 0; c < Conversations; c++)
        {
            bot.Environment[$"Intake__Responders__{c + 1}"] = people[c];
        }

        await bot.StartAsync();
        using var client = bot.Client();
        var chats = people.Select(person => new HttpChat(client, flow == "responder" ? person : null)).ToArray();
        var said = new int[Conversations];
        var lastReplies = new string[Conversations];

        // Conversation c is killed after steps c + 1, c + 1 + Conversations, ...: together every step is
        // followed by a kill in one conversation, whose next message is the first the new process hears from
        // it. The steps before a kill point are said first; the kill points' own steps are said together
        // last, so that each is killed as soon after its acknowledgement as with one conversation a process.
        for (var round = 0; ; round++)
        {
            var killPoints = Enumerable.Range(0, Conversations).Select(c => Math.Min(steps.Length, (round * Conversations) + c + 1)).ToArray();
            await Task.WhenAll(chats.Select((chat, c) => SayStepsAsync(chat, c, killPoints[c] - 1)));
            await Task.WhenAll(chats.Select((chat, c) => SayStepsAsync(chat, c, killPoints[c])));

            // The kill after the last step too: what the receipt confirmed must be stored by then.
            await bot.KillAsync();
            if (said.All(s => s == steps.Length))
            {
                break;
            }

            await bot.StartAsync();
        }

        var blobs = new CaseBlobs(azurite, bot.CasesContainer, bot.StateContainer);
        var references = lastReplies.Select(Receipt.ReferenceIn).ToList();
        Assert.All(references, r => Assert.NotEmpty(r));
        Assert.Equal(references.Order(), (await blobs.CaseBlobNamesAsync()).Select(n => n.Split('/')[0]).Distinct().Order());
        foreach (var reference in references)
        {
            var record = await blobs.CaseAsync(reference);
            Assert.Equal(CaseStatus.Submitted, record.Status);
            if (flow == "reporter")
            {
                Assert.Equal(["It started at the offsite"], record.Answers.WhatHappened);
                Assert.Equal("In early March", record.Answers.When);
                Assert.Equal("I avoid the sales floor", record.Answers.Impact);
                Assert.Single(record.Evidence);
            }
            else
            {
                Assert.Equal(ReportedByAnswer.PrefersNotToSay, record.Answers.ReportedByChoice);
                Assert.Equal("A check-in next week", record.Answers.QuestionsAndWishes);
            }
        }

        async Task SayStepsAsync(HttpChat chat, int c, int until)
        {
            for (; said[c] < until; said[c]++)
            {
                var (line, expected) = (steps[said[c]][0], steps[said[c]][1]);
                var replies = await chat.SayAsync(line);
                Assert.True(replies.Any(r => r.Contains(expected, StringComparison.Ordinal)), $"Step {said[c] + 1} ({line}) of conversation {c}: expected \"{expected}\" in: {string.Join(" | ", replies)}");
                lastReplies[c] = string.Join("\n", replies);
            }
        }
    }
}
