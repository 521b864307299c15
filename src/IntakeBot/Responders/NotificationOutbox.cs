using System.Threading.Channels;
using IntakeBot.Telemetry;

namespace IntakeBot.Responders;

/// <summary>Messages to other people wait here once the turn that decided them has committed, until
/// <see cref="NotificationSender"/> delivers them.</summary>
public sealed class NotificationOutbox
{
    private readonly Channel<OwnerNotification> _queue = Channel.CreateUnbounded<OwnerNotification>();

    private long _waiting;

    public void Post(OwnerNotification notification)
    {
        IntakeMetrics.OutboxBacklog(Interlocked.Increment(ref _waiting));
        _queue.Writer.TryWrite(notification);
    }

    /// <summary>A message has left the outbox: delivered, or given up.</summary>
    public void Done() => IntakeMetrics.OutboxBacklog(Interlocked.Decrement(ref _waiting));

    public ChannelReader<OwnerNotification> Reader => _queue.Reader;
}
