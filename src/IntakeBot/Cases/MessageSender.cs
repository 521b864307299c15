using IntakeBot.Storage;

namespace IntakeBot.Cases;

/// <summary>Who wrote a message of the follow-up thread (<see cref="CaseMessage.From"/>), stored as
/// <c>owner</c> and <c>reporter</c> in case.json and in the detail of its audit line.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StoredEnumJsonConverter<MessageSender>))]
[Newtonsoft.Json.JsonConverter(typeof(StoredEnumNewtonsoftConverter<MessageSender>))]
public enum MessageSender
{
    /// <summary>A sender written by a newer version. The message is still shown to both sides, with a
    /// neutral label; it counts neither as the owner's (feedback, unread) nor as the reporter's.</summary>
    Unknown,

    /// <summary>Written by the case owner to the reporter.</summary>
    Owner,

    /// <summary>Written by the reporter to the case owner.</summary>
    Reporter,
}
