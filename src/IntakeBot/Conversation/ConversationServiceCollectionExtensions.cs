using IntakeBot.Evidence;
using IntakeBot.Retention;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Conversation: the intake settings (validated at start-up), the state blob a turn commits
    /// to and its accessors (created once), drafts, the commands, and the dialogs.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddSingleton<IStorage>(sp => new BlobStateStorage(sp.GetRequiredService<BlobContainers>().State, sp.GetRequiredService<DraftStateTags>().TagsOf));
        services.AddSingleton<CaseDrafts>();
        services.AddSingleton<IKeptEvidence, KeptEvidence>();
        services.AddSingleton<OwnerCommands>();
        services.AddSingleton<ReporterCommands>();
        services.AddSingleton<ResponderRecognition>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<ConversationStateAccessors>();
        services.AddSingleton<IntakeServices>();
        services.AddSingleton<ReportDialog>();
        services.AddSingleton<TakeReportDialog>();
        services.AddSingleton<AccountOfferDialog>();
        services.AddSingleton<AddToCaseDialog>();
        services.AddSingleton<ReplyDialog>();
        services.AddSingleton<RootDialog>();
        return services;
    }
}
