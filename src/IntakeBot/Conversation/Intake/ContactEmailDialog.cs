using IntakeBot.Cases;
using IntakeBot.Cases.Answers;
using IntakeBot.Dialogs;
using IntakeBot.Dialogs.Prompts;
using IntakeBot.Storage;
using IntakeBot.Text;
using Microsoft.Bot.Builder;

namespace IntakeBot.Conversation.Intake;

/// <summary>After "contact me by email": the address, asked again until it looks like one, then the
/// next section. Its options are the contact section's <see cref="SectionCursor"/>.</summary>
internal sealed class ContactEmailDialog : WaterfallDialog<NoValues>
{
    public const string DialogId = "contact-email";

    private readonly IntakeCommon _intake;

    public ContactEmailDialog(IntakeCommon intake)
        : base(DialogId)
    {
        _intake = intake;
        AddStep(AskEmailStepAsync);
        AddStep(SaveEmailStepAsync);
    }

    /// <summary>The prompt this dialog asks with: text that is one address.</summary>
    public static TextPrompt Prompt()
        => new(IntakePrompts.ContactEmail, (prompt, _) => Task.FromResult(prompt.Recognized is { Succeeded: true, Value: { } address } && IsEmailAddress(address)));

    /// <summary>One address with a domain that has a dot: enough to catch a typo, without judging.</summary>
    private static bool IsEmailAddress(string said)
        => !said.Contains(' ', StringComparison.Ordinal)
            && System.Net.Mail.MailAddress.TryCreate(said, out var address)
            && string.Equals(address.Address, said, StringComparison.OrdinalIgnoreCase)
            && address.Host.Contains('.', StringComparison.Ordinal);

    private Task<DialogTurnResult> AskEmailStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
        => step.PromptAsync(IntakePrompts.ContactEmail, new PromptOptions
        {
            Prompt = MessageFactory.Text(_intake.Text[TextKey.AskContactEmail]),
            RetryPrompt = MessageFactory.Text(_intake.Text[TextKey.ContactEmailInvalid]),
        }, cancellationToken);

    private async Task<DialogTurnResult> SaveEmailStepAsync(WaterfallStepContext<NoValues> step, CancellationToken cancellationToken)
    {
        var cursor = step.Options<SectionCursor>()!;
        await _intake.SaveAnswerAsync(step.Context, _intake.SectionAt(cursor), new SectionAnswer(ContactAnswer.Email.ToStoredName(), [(string)step.Result!]), cancellationToken).ConfigureAwait(false);
        return await _intake.NextSectionAsync(step, cursor, cancellationToken).ConfigureAwait(false);
    }
}
