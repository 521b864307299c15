using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntakeBot.Telemetry;

/// <summary>The bot's metrics. Every dimension is a word from a small fixed set (a kind, an outcome, a
/// container name from configuration), so nothing a person typed can become a metric attribute and the
/// number of series stays bounded. Without a configured exporter nothing listens and each call is free.</summary>
public static class IntakeMetrics
{
    public const string MeterName = "IntakeBot";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("intake.turns", "{turn}", "Turns handled, by activity kind and outcome.");
    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("intake.turn.duration", "s", "How long a turn took, from the activity arriving to its replies being sent.");
    private static readonly Histogram<double> StorageDuration = Meter.CreateHistogram<double>("intake.storage.duration", "s", "Blob storage calls, including the SDK's retries.");
    private static readonly Counter<long> StorageFailures = Meter.CreateCounter<long>("intake.storage.failures", "{call}", "Blob storage calls that failed after the SDK's retries.");
    private static readonly Histogram<double> GraphDuration = Meter.CreateHistogram<double>("intake.graph.duration", "s", "Microsoft Graph calls, including the SDK's retries.");
    private static readonly Counter<long> GraphFailures = Meter.CreateCounter<long>("intake.graph.failures", "{call}", "Microsoft Graph calls that failed after the SDK's retries.");
    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("intake.conflicts", "{conflict}", "ETag conflicts: a blob changed between read and write.");
    private static readonly Counter<long> OutboxAttempts = Meter.CreateCounter<long>("intake.outbox.delivery_attempts", "{attempt}", "Attempts to deliver a message to another person, by outcome.");
    private static readonly Counter<long> OutboxDeadLetters = Meter.CreateCounter<long>("intake.outbox.given_up", "{message}", "Messages to another person given up after the last attempt and kept in the dead-letter folder.");
    private static readonly Counter<long> IntakesStarted = Meter.CreateCounter<long>("intake.intakes.started", "{intake}", "Intakes whose first answer was saved, by kind.");
    private static readonly Counter<long> IntakesSubmitted = Meter.CreateCounter<long>("intake.intakes.submitted", "{intake}", "Intakes submitted as cases, by kind.");
    private static readonly Counter<long> IntakesDiscarded = Meter.CreateCounter<long>("intake.intakes.discarded", "{intake}", "Intakes the person chose to discard, by kind.");
    private static readonly Counter<long> EvidenceBytes = Meter.CreateCounter<long>("intake.evidence.bytes", "By", "Bytes of evidence stored.");

    private static long _outboxBacklog = -1;

    static IntakeMetrics()
    {
        // Reported by whichever process last measured it; nothing is exported until one has.
        Meter.CreateObservableGauge("intake.outbox.backlog", ObserveBacklog, "{message}", "Messages waiting in the outbox.");
    }

    public static void TurnCompleted(string kind, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "intake.turn.kind", kind }, { "intake.outcome", outcome } };
        Turns.Add(1, tags);
        TurnDuration.Record(duration.TotalSeconds, tags);
    }

    public static void StorageCallCompleted(string container, string kind, string method, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "intake.storage.container", container }, { "intake.storage.kind", kind }, { "http.request.method", method }, { "intake.outcome", outcome } };
        StorageDuration.Record(duration.TotalSeconds, tags);
        if (Outcomes.IsFailure(outcome))
        {
            StorageFailures.Add(1, tags);
        }
    }

    public static void GraphCallCompleted(string resource, string method, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "intake.graph.resource", resource }, { "http.request.method", method }, { "intake.outcome", outcome } };
        GraphDuration.Record(duration.TotalSeconds, tags);
        if (Outcomes.IsFailure(outcome))
        {
            GraphFailures.Add(1, tags);
        }
    }

    /// <summary>An ETag-guarded write lost to another writer: <paramref name="where"/> is "storage" for a
    /// single blob call, "turn" for a turn refused because its conversation moved on.</summary>
    public static void Conflict(string where) => Conflicts.Add(1, new KeyValuePair<string, object?>("intake.conflict.where", where));

    /// <summary>For the outbox: how many messages are waiting, each time it looks.</summary>
    public static void OutboxBacklog(long waiting) => Interlocked.Exchange(ref _outboxBacklog, Math.Max(0, waiting));

    /// <summary>For the outbox: one attempt to deliver one message; <paramref name="delivered"/> false
    /// when it will be tried again later.</summary>
    public static void OutboxDeliveryAttempted(bool delivered)
        => OutboxAttempts.Add(1, new KeyValuePair<string, object?>("intake.outcome", delivered ? Outcomes.Ok : Outcomes.Failed));

    /// <summary>For the outbox: a message given up after its last attempt.</summary>
    public static void OutboxGivenUp() => OutboxDeadLetters.Add(1);

    public static void IntakeStarted(string caseKind) => IntakesStarted.Add(1, new KeyValuePair<string, object?>("intake.case.kind", caseKind));

    public static void IntakeSubmitted(string caseKind) => IntakesSubmitted.Add(1, new KeyValuePair<string, object?>("intake.case.kind", caseKind));

    public static void IntakeDiscarded(string caseKind) => IntakesDiscarded.Add(1, new KeyValuePair<string, object?>("intake.case.kind", caseKind));

    public static void EvidenceStored(long bytes) => EvidenceBytes.Add(bytes);

    private static IEnumerable<Measurement<long>> ObserveBacklog()
    {
        var waiting = Interlocked.Read(ref _outboxBacklog);
        return waiting < 0 ? [] : [new Measurement<long>(waiting)];
    }
}
