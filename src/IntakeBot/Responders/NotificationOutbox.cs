using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using IntakeBot.Storage;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace IntakeBot.Responders;

/// <summary>Messages to other people, kept as blobs (<c>outbox/{id}.json</c> in the state container)
/// from just before the commit of the turn that decided them until <see cref="NotificationSender"/>
/// delivers them. Any process may deliver any entry; a blob lease on the entry makes sure only one
/// tries it at a time. Entries given up are moved to <c>outbox-dead/</c>.</summary>
public sealed class NotificationOutbox(BlobContainers containers, IOptions<NotificationOptions> options, ILogger<NotificationOutbox> logger)
{
    private const string Folder = "outbox/";
    private const string DeadFolder = "outbox-dead/";
    internal const string AttemptsKey = "attempts";
    internal const string DueKey = "due";

    /// <summary>How long an entry stays taken without a renewal: a delivery attempt renews it well
    /// before it runs out.</summary>
    public TimeSpan LeaseDuration { get; } = TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    internal static readonly JsonSerializerSettings Json = new()
    {
        TypeNameHandling = TypeNameHandling.None,
        Converters = { new StringEnumConverter() },
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    private readonly Channel<string> _committed = Channel.CreateUnbounded<string>();

    /// <summary>Writes the entries, each only if it is not there yet (a redelivered turn writes the
    /// same names), and returns the ids of those it wrote. They are not sent before <see cref="Committed"/>
    /// says so, or before a process that finds them has checked that their turn committed.</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<OutboxEntry> entries, DateTimeOffset due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var written = new List<string>();
        foreach (var entry in entries)
        {
            var options = new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Metadata = Metadata(0, due),
            };
            try
            {
                await Blob(entry.Id).UploadAsync(BinaryData.FromString(JsonConvert.SerializeObject(entry, Json)), options, cancellationToken).ConfigureAwait(false);
                written.Add(entry.Id);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Written by an earlier delivery of the same activity.
            }
        }

        return written;
    }

    /// <summary>Removes entries an earlier run of a turn wrote and its last run, the one that committed,
    /// did not decide: the commit names their activity, so they would otherwise be sent. One that cannot
    /// be removed now (storage failing, or a sender holding it) is logged by type and left.</summary>
    public async Task WithdrawAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            try
            {
                await Blob(id).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning("An outbox entry a turn decided and then did not could not be removed ({ExceptionType} {Status}).", e.GetType().FullName, e.Status);
            }
        }
    }

    private BlobClient Blob(string id) => containers.State.GetBlobClient(Folder + id + ".json");

    /// <summary>A message decided outside a turn (a background pass), after what decided it was saved:
    /// written under a name made from <paramref name="source"/>, so a pass that decides the same
    /// message again finds it there, and tried at once.</summary>
    public async Task PostAsync(OwnerNotification notification, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        OutboxEntry[] entries = [new OutboxEntry(notification, source, ActivityId: null, now)];
        await WriteAsync(entries, now, cancellationToken).ConfigureAwait(false);
        Committed(entries);
    }

    /// <summary>The turn that wrote these entries has committed: this process tries them at once.</summary>
    public void Committed(IEnumerable<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            _committed.Writer.TryWrite(entry.Id);
        }
    }

    public ChannelReader<string> CommittedReader => _committed.Reader;

    /// <summary>The ids of every waiting entry due by <paramref name="now"/>; the second value counts
    /// all waiting entries (for the backlog metric).</summary>
    public async Task<(IReadOnlyList<string> Due, int Waiting)> ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = new List<string>();
        var waiting = 0;
        await foreach (var blob in containers.State.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, Folder, cancellationToken).ConfigureAwait(false))
        {
            waiting++;
            if (DueOf(blob.Metadata) <= now)
            {
                due.Add(blob.Name[Folder.Length..^".json".Length]);
            }
        }

        return (due, waiting);
    }

    /// <summary>Takes the entry for one attempt, or null when it is gone (delivered) or another
    /// process holds it.</summary>
    public async Task<OutboxLease?> TryTakeAsync(string id, CancellationToken cancellationToken)
    {
        var blob = Blob(id);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return null;
        }

        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var entry = JsonConvert.DeserializeObject<OutboxEntry>(download.Value.Content.ToString(), Json)!;
            var metadata = download.Value.Details.Metadata;
            var attempts = metadata.TryGetValue(AttemptsKey, out var a) && int.TryParse(a, CultureInfo.InvariantCulture, out var n) ? n : 0;
            return new OutboxLease(blob, lease, containers.State.GetBlobClient(DeadFolder + id + ".json"), entry, attempts, DueOf(metadata));
        }
        catch
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An entry's metadata, written whole on every reschedule: the label stays with it, as its
    /// recipient is a person.</summary>
    internal static Dictionary<string, string> Metadata(int attempts, DateTimeOffset due) => new()
    {
        ["classification"] = Classification.HighlyConfidential,
        [AttemptsKey] = attempts.ToString(CultureInfo.InvariantCulture),
        [DueKey] = due.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset DueOf(IDictionary<string, string>? metadata)
        => metadata is not null && metadata.TryGetValue(DueKey, out var due) && DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.MinValue;
}
