using System.Threading.Channels;

namespace IntakeBot.Responders;

/// <summary>Messages to other people wait here once the turn that decided them has committed, until
/// <see cref="NotificationSender"/> delivers them.</summary>
public sealed class NotificationOutbox
{
    private readonly Channel<OwnerNotification> _queue = Channel.CreateUnbounded<OwnerNotification>();

    public void Post(OwnerNotification notification) => _queue.Writer.TryWrite(notification);

    public ChannelReader<OwnerNotification> Reader => _queue.Reader;
}
