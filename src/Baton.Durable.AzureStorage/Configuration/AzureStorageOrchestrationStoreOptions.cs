using Azure.Core;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Settings of the Azure Storage store. Names follow host.json's <c>extensions.durableTask</c> settings where they
/// exist (<c>hubName</c>, <c>partitionCount</c>, <c>maxConcurrentActivityFunctions</c>,
/// <c>maxConcurrentOrchestratorFunctions</c>), so the same configuration section binds to both.
/// </summary>
/// <remarks>
/// The account is chosen by, in this order: <see cref="ConnectionString"/>; the three service URIs with
/// <see cref="Credential"/> (DefaultAzureCredential when null); the configuration entry named
/// <see cref="ConnectionName"/> (a connection string, or a section with <c>blobServiceUri</c>,
/// <c>queueServiceUri</c>, <c>tableServiceUri</c> or <c>serviceUri</c> and optional credential settings, read the
/// Microsoft.Extensions.Azure way).
/// </remarks>
public sealed class AzureStorageOrchestrationStoreOptions
{
    /// <summary>The task hub: the prefix of every table, queue and container the store uses. Letters and digits, 3 to 45 characters, starting with a letter.</summary>
    public string HubName { get; set; } = "BatonHub";

    /// <summary>How many control queues (and partitions) orchestration messages are spread over; 1 to 16. Fixed for the life of a task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Accepted for host.json compatibility; the engine's worker applies it.</summary>
    public int? MaxConcurrentActivityFunctions { get; set; }

    /// <summary>Accepted for host.json compatibility; the engine's worker applies it.</summary>
    public int? MaxConcurrentOrchestratorFunctions { get; set; }

    /// <summary>A storage connection string, <c>UseDevelopmentStorage=true</c> included.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob service endpoint, used with <see cref="Credential"/> when no connection string is given.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The queue service endpoint, used with <see cref="Credential"/> when no connection string is given.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The table service endpoint, used with <see cref="Credential"/> when no connection string is given.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The credential for the service URIs; DefaultAzureCredential when null.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The configuration entry that holds the connection when neither a connection string nor URIs are set (host.json <c>connectionStringName</c>).</summary>
    public string ConnectionName { get; set; } = "AzureWebJobsStorage";

    /// <summary>
    /// The ceiling of the polling back-off during a quiet spell shorter than <see cref="IdlePollingInterval"/>: a quiet
    /// control queue is polled about this often (each wait jittered by up to a tenth either way); a partition busy in
    /// this process is polled every 100 ms. A process that owns every partition polls the quiet work-item queue five
    /// times less often, since it hands the activities it schedules to its own workers in memory.
    /// </summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The polling interval of a queue that has been quiet for this long (30 s by default, Durable Functions'
    /// <c>maxQueuePollingInterval</c>): an idle hub then costs about 0.4 storage requests a second. A message another
    /// process sends is still picked up at once when that process can reach this one's wake-up endpoint
    /// (<see cref="WakeUpAddress"/>); otherwise (another machine, wake-up off) it waits up to this long on an idle
    /// queue, as do messages that become visible again after a crash. Set it to <see cref="MaxPollingInterval"/> to
    /// never slow down further.
    /// </summary>
    public TimeSpan IdlePollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The IP address this process listens on for wake-up signals (UDP, a port chosen by the system, advertised to the
    /// other processes of the hub in its presence blob) and sends them from: a process that puts a message in a queue
    /// another process polls tells it so, and an idle process picks the message up within 100 ms instead of at its
    /// <see cref="IdlePollingInterval"/>. Loopback by default, which reaches the processes on the same machine; an
    /// address of the machine's private network reaches the others. A signal carries no data and only brings a poll
    /// forward. Null or empty turns the signals off (presence still works).
    /// </summary>
    public string? WakeUpAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a received orchestration message stays hidden from other readers without a renewal. The store renews
    /// what it holds while it holds it, so this only bounds how long the messages a crashed process held stay hidden
    /// from the next owner of their partition; keep it under <see cref="LeaseDuration"/> so that they show by the time
    /// the dead process's lease expires.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long an activity request stays locked without a renewal before another worker may run it. Requests a
    /// process holds (waiting in its prefetch, running, or with their result handed over in memory) are renewed while
    /// held, so this bounds how long a crashed process's activities wait before another process runs them.
    /// </summary>
    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a partition lease lasts without renewal; 15 to 60 seconds (the blob service's limits). 60 s by default:
    /// the partitions of a process that dies are taken over about a minute later; 30 s halves that for 0.2 more
    /// storage requests a second.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often owned leases are renewed (20 s by default); at most half of <see cref="LeaseDuration"/>. A renewal
    /// that fails is retried, and the partition given up before its lease could have expired.
    /// </summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a process looks for partitions nobody holds (never held, released, or expired).</summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True (the default) to share partitions evenly between the processes on a task hub: each process says it is alive
    /// every six <see cref="LeaseAcquireInterval"/>s (a blob write, carrying its wake-up endpoint), and one holding more than its share releases the
    /// surplus for the others to take; a process that stops gracefully hands its share back at once, a dead one once its
    /// leases expire. False keeps whatever a process has acquired until it stops or loses it.
    /// </summary>
    public bool BalancePartitions { get; set; } = true;

    /// <summary>A message that cannot be read is retried this many deliveries before it is moved to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The largest payload (one input, output, result, event or message, uncompressed UTF-8) the store accepts; larger ones fail the step.</summary>
    public long MaxPayloadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How many instances keep their history cached in memory between steps.</summary>
    public int MaxCachedInstances { get; set; } = 2000;

    /// <summary>
    /// Called between the stages of a commit with the stage reached and the instance id. A hook that throws stops the
    /// commit dead at that point, as a crash would; meant for fault tests.
    /// </summary>
    public Action<CommitStage, string>? CommitStageHook { get; set; }

    /// <summary>Checks every setting and says which one is wrong and how to fix it.</summary>
    public void Validate()
    {
        TaskHubName.Validate(HubName);
        if (PartitionCount is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(PartitionCount), PartitionCount, "Set partitionCount between 1 and 16.");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(15) || LeaseDuration > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "Set LeaseDuration between 15 and 60 seconds; blob leases allow no other values.");
        }

        if (LeaseRenewInterval <= TimeSpan.Zero || LeaseRenewInterval * 2 > LeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseRenewInterval), LeaseRenewInterval, "Set LeaseRenewInterval above zero and at most half of LeaseDuration.");
        }

        if (LeaseAcquireInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseAcquireInterval), LeaseAcquireInterval, "Set LeaseAcquireInterval above zero.");
        }

        if (MaxPollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPollingInterval), MaxPollingInterval, "Set MaxPollingInterval above zero.");
        }

        if (IdlePollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdlePollingInterval), IdlePollingInterval, "Set IdlePollingInterval above zero (below MaxPollingInterval it has no effect).");
        }

        if (!string.IsNullOrWhiteSpace(WakeUpAddress) && !System.Net.IPAddress.TryParse(WakeUpAddress, out _))
        {
            throw new ArgumentException($"WakeUpAddress '{WakeUpAddress}' is not an IP address: give one of this machine's addresses (127.0.0.1 by default), or leave it empty to turn wake-up signals off.", nameof(WakeUpAddress));
        }

        if (ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(1) || WorkItemVisibilityTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ControlQueueVisibilityTimeout), "Set ControlQueueVisibilityTimeout and WorkItemVisibilityTimeout to one second or more.");
        }

        if (MaxDequeueCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDequeueCount), MaxDequeueCount, "Set MaxDequeueCount to 1 or more.");
        }

        if (MaxPayloadBytes < 64 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayloadBytes), MaxPayloadBytes, "Set MaxPayloadBytes to 64 KB or more.");
        }
    }
}
