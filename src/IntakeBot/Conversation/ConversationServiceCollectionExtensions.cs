using IntakeBot.Conversation.Owner;
using IntakeBot.Evidence;
using IntakeBot.Retention;
using IntakeBot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace IntakeBot.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>Conversation: the intake settings (validated at start-up), the state blob a turn commits
    /// to and its accessors (created once), the writing of what a commit left for the cases (and the
    /// background pass that finishes it when no turn does), drafts, the commands, and the dialogs.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddSingleton<IValidateOptions<Cases.IdentityOptions>, CustodiansOnRosterValidator>();
        services.AddOptions<HealingOptions>().BindConfiguration(HealingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var drafts = sp.GetRequiredService<DraftStateTags>();
            var readBack = TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ReadBackMilliseconds);
            return new BlobStateStorage(sp.GetRequiredService<BlobContainers>().State, state => CommittedWork.TagsOf(state, drafts.TagsOf(state)), readBack);
        });
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<BlobStateStorage>());
        services.AddSingleton<PendingWork>();
        services.AddSingleton<ConversationCommit>();
        services.AddHostedService<PendingWorkHealer>();
        services.AddSingleton<CaseDrafts>();
        services.AddSingleton<IKeptEvidence, KeptEvidence>();
        services.AddOwnerCommands();
        services.AddSingleton<ReporterCommands>();
        services.AddSingleton<ResponderRecognition>();
        services.AddSingleton<LanguageChoice>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<ConversationStateAccessors>();
        services.AddSingleton<IntakeServices>();
        services.AddSingleton<ReportDialog>();
        services.AddSingleton<TakeReportDialog>();
        services.AddSingleton<FollowOnDialog>();
        services.AddSingleton<AccountOfferDialog>();
        services.AddSingleton<FollowOnOfferDialog>();
        services.AddSingleton<AddToCaseDialog>();
        services.AddSingleton<ReplyThreads>();
        services.AddSingleton<ReplyDialog>();
        services.AddSingleton<RootDialog>();
        return services;
    }

    /// <summary>The owner's verbs behind one guard. The order is the order they are tried in; each
    /// answers only its own first word, so a new verb goes anywhere before a verb it could be mistaken for.</summary>
    private static void AddOwnerCommands(this IServiceCollection services)
    {
        services.AddSingleton<OwnedCaseGuard>();
        services.AddSingleton<IOwnerCommand, CasesCommand>();
        services.AddSingleton<IOwnerCommand, CaseCardCommand>();
        services.AddSingleton<IOwnerCommand, AccessCommand>();
        services.AddSingleton<IOwnerCommand, ShareCommand>();
        services.AddSingleton<IOwnerCommand, RevokeCommand>();
        services.AddSingleton<IOwnerCommand, StatusCommand>();
        services.AddSingleton<IOwnerCommand, TransferCommand>();
        services.AddSingleton<IOwnerCommand, NoteCommand>();
        services.AddSingleton<IOwnerCommand, SummaryCommand>();
        services.AddSingleton<IOwnerCommand, MessageCommand>();
        services.AddSingleton<IOwnerCommand, IdentityRequestCommand>();
        services.AddSingleton<IOwnerCommand, IdentityDecisionCommand>();
        services.AddSingleton<IOwnerCommand, HoldCommand>();
        services.AddSingleton<IOwnerCommand, DeletedCommand>();
        services.AddSingleton<OwnerCommands>();
    }
}
