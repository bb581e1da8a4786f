using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace Baton.Durable.AzureStorage;

/// <summary>
/// Owns control-queue partitions through blob leases (one blob per partition in <c>&lt;hub&gt;-leases</c>): takes
/// partitions nobody holds, renews the ones it holds, and gives a partition up as soon as a renewal is refused or
/// the lease could have expired. Several processes can share a task hub; a dead one's partitions are taken over
/// once its leases expire. With <see cref="AzureStorageOrchestrationStoreOptions.BalancePartitions"/>, each process
/// refreshes a presence blob (<c>worker-&lt;lease id&gt;</c>) every balance interval, owns at most its
/// <see cref="PartitionQuota"/> of the live processes, and releases any surplus for the others; a partition left free
/// for two passes in a row is taken whatever the quota says, so that a dead process's share is never stranded while
/// its presence still looks fresh. The presence blob carries the process's wake-up endpoint (metadata <c>wake</c>),
/// and each listing tells <see cref="WakeUpSignals"/> the endpoints of the live processes.
/// </summary>
internal sealed class PartitionLeases(
    BlobContainerClient container,
    int partitionCount,
    AzureStorageOrchestrationStoreOptions options,
    ILogger logger,
    Action<int> onAcquired,
    Action<int> onLost,
    WakeUpSignals? wakeUp = null)
{
    private const string PresencePrefix = "worker-";
    private const string WakeMetadata = "wake";
    private static readonly TimeSpan StalePresenceKept = TimeSpan.FromMinutes(10);

    private readonly Dictionary<int, long> _owned = [];
    private readonly Lock _gate = new();
    private HashSet<int> _freeLastPass = [];

    /// <summary>This process's lease id, the same for all its partitions.</summary>
    public string LeaseId { get; } = Guid.NewGuid().ToString();

    public static string BlobName(int partition) => "control-" + partition.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// How often presence is refreshed and the share checked while this process holds every partition it should: six
    /// acquire intervals (30 s by default), two presence writes and listings a minute on an idle hub.
    /// </summary>
    private TimeSpan BalanceInterval => options.LeaseAcquireInterval * 6;

    /// <summary>
    /// How long a presence counts without a refresh: about as long as a dead process's leases last, so that its share
    /// is handed to the others when its partitions become free, and at least two refreshes of a live process.
    /// </summary>
    private TimeSpan PresenceLifetime => options.LeaseDuration > BalanceInterval * 2 ? options.LeaseDuration : BalanceInterval * 2;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextAcquire = 0L;
        var nextBalance = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RenewDueAsync(cancellationToken);
                var now = Environment.TickCount64;
                var balance = options.BalancePartitions && now >= nextBalance;
                // The next passes are due an interval from now even when this one fails, so that storage in trouble
                // is not asked again every few milliseconds.
                if (balance)
                {
                    nextBalance = now + (long)BalanceInterval.TotalMilliseconds;
                    await RefreshPresenceAsync(cancellationToken);
                }

                if (balance || (now >= nextAcquire && OwnedCount < partitionCount))
                {
                    nextAcquire = now + (long)options.LeaseAcquireInterval.TotalMilliseconds;
                    await AcquireFreeAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.LeaseLoopFailed(logger, e);
            }

            var wait = Math.Min(options.LeaseRenewInterval.TotalMilliseconds / 2, Math.Max(50, nextAcquire - Environment.TickCount64));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(50, wait)), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public int OwnedCount
    {
        get
        {
            lock (_gate)
            {
                return _owned.Count;
            }
        }
    }

    /// <summary>Releases every lease this process holds so that another process can take them at once.</summary>
    public async Task ReleaseAllAsync()
    {
        int[] partitions;
        lock (_gate)
        {
            partitions = [.. _owned.Keys];
        }

        var presence = options.BalancePartitions ? DeletePresenceAsync() : Task.CompletedTask;
        await Task.WhenAll(partitions.Select(ReleaseAsync).Append(presence));
    }

    private async Task ReleaseAsync(int partition)
    {
        lock (_gate)
        {
            if (!_owned.Remove(partition))
            {
                return;
            }
        }

        onLost(partition);
        try
        {
            await container.GetBlobClient(BlobName(partition)).GetBlobLeaseClient(LeaseId).ReleaseAsync();
            Log.PartitionReleased(logger, partition);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            // The lease expires on its own.
        }
    }

    private Task RefreshPresenceAsync(CancellationToken cancellationToken) =>
        container.GetBlobClient(PresencePrefix + LeaseId).UploadAsync(
            BinaryData.Empty,
            new BlobUploadOptions { Metadata = wakeUp?.Endpoint is { } endpoint ? new Dictionary<string, string> { [WakeMetadata] = endpoint } : null },
            cancellationToken);

    /// <summary>The wake-up endpoints of the live processes of the hub, from one listing of their presence blobs.</summary>
    public async Task<IReadOnlyList<string>> ListWakeUpEndpointsAsync(CancellationToken cancellationToken)
    {
        var presence = new List<(string Worker, DateTimeOffset RefreshedAt, string? Endpoint)>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, PresencePrefix, cancellationToken))
        {
            if (blob.Properties.LastModified is { } refreshed)
            {
                presence.Add((blob.Name[PresencePrefix.Length..], refreshed, WakeUpEndpoint(blob)));
            }
        }

        return LiveEndpoints(presence);
    }

    private static string? WakeUpEndpoint(BlobItem blob) =>
        blob.Metadata is { } metadata && metadata.TryGetValue(WakeMetadata, out var endpoint) ? endpoint : null;

    private IReadOnlyList<string> LiveEndpoints(List<(string Worker, DateTimeOffset RefreshedAt, string? Endpoint)> presence)
    {
        var live = PartitionQuota.Live(presence.Select(p => (p.Worker, p.RefreshedAt)), PresenceLifetime).ToHashSet(StringComparer.Ordinal);
        return [.. presence.Where(p => p.Endpoint is not null && live.Contains(p.Worker) && p.Worker != LeaseId).Select(p => p.Endpoint!).Distinct(StringComparer.Ordinal)];
    }

    private async Task DeletePresenceAsync()
    {
        try
        {
            await container.GetBlobClient(PresencePrefix + LeaseId).DeleteIfExistsAsync();
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            // Others stop counting this process once its presence is stale.
        }
    }

    private async Task RenewDueAsync(CancellationToken cancellationToken)
    {
        List<(int Partition, long RenewedAt)> due;
        lock (_gate)
        {
            var now = Environment.TickCount64;
            due = _owned.Where(o => now - o.Value >= options.LeaseRenewInterval.TotalMilliseconds).Select(o => (o.Key, o.Value)).ToList();
        }

        foreach (var (partition, renewedAt) in due)
        {
            var started = Environment.TickCount64;
            try
            {
                await container.GetBlobClient(BlobName(partition)).GetBlobLeaseClient(LeaseId).RenewAsync(cancellationToken: cancellationToken);
                lock (_gate)
                {
                    if (_owned.ContainsKey(partition))
                    {
                        _owned[partition] = started;
                    }
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                Lose(partition, e.ErrorCode ?? e.Status.ToString(CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stop using the partition before the lease could have expired and been taken by another process.
                if (Environment.TickCount64 - renewedAt > (options.LeaseDuration - options.LeaseRenewInterval).TotalMilliseconds)
                {
                    Lose(partition, e.Message);
                }
            }
        }
    }

    private async Task AcquireFreeAsync(CancellationToken cancellationToken)
    {
        var free = new List<int>();
        var expired = new HashSet<int>();
        var presence = new List<(string Worker, DateTimeOffset RefreshedAt)>();
        var endpoints = new List<(string Worker, DateTimeOffset RefreshedAt, string? Endpoint)>();
        var traits = options.BalancePartitions && wakeUp is not null ? BlobTraits.Metadata : BlobTraits.None;
        await foreach (var blob in container.GetBlobsAsync(traits, BlobStates.None, options.BalancePartitions ? null : "control-", cancellationToken))
        {
            if (blob.Name.StartsWith(PresencePrefix, StringComparison.Ordinal) && blob.Properties.LastModified is { } refreshed)
            {
                presence.Add((blob.Name[PresencePrefix.Length..], refreshed));
                endpoints.Add((blob.Name[PresencePrefix.Length..], refreshed, WakeUpEndpoint(blob)));
                continue;
            }

            if (!blob.Name.StartsWith("control-", StringComparison.Ordinal) || blob.Properties.LeaseState is LeaseState.Leased or LeaseState.Breaking)
            {
                continue;
            }

            if (int.TryParse(blob.Name.AsSpan("control-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                && partition < partitionCount)
            {
                free.Add(partition);
                if (blob.Properties.LeaseState == LeaseState.Expired)
                {
                    expired.Add(partition);
                }
            }
        }

        // Without balancing every free partition is taken. With it, a process takes free partitions up to its share,
        // and in any case one that stayed free since the last pass or whose lease expired (its owner died without
        // releasing it: its presence may still count for a while, and its runs must not wait for that); it releases
        // what it holds beyond its share, so the share evens out again on the next passes.
        var quota = options.BalancePartitions
            ? PartitionQuota.For(LeaseId, PartitionQuota.Live(presence, PresenceLifetime), partitionCount)
            : partitionCount;
        var freeLastPass = _freeLastPass;
        _freeLastPass = [.. free];
        if (traits == BlobTraits.Metadata)
        {
            wakeUp!.SetPeers(LiveEndpoints(endpoints));
        }

        if (options.BalancePartitions)
        {
            await ForgetStalePresenceAsync(presence, cancellationToken);
            int[] surplus;
            lock (_gate)
            {
                surplus = [.. _owned.Keys.OrderDescending().Take(Math.Max(0, _owned.Count - quota))];
            }

            foreach (var partition in surplus)
            {
                await ReleaseAsync(partition);
            }
        }

        foreach (var partition in free)
        {
            if (OwnedCount >= quota && !freeLastPass.Contains(partition) && !expired.Contains(partition))
            {
                continue;
            }

            lock (_gate)
            {
                if (_owned.ContainsKey(partition))
                {
                    continue;
                }
            }

            var started = Environment.TickCount64;
            try
            {
                await container.GetBlobClient(BlobName(partition)).GetBlobLeaseClient(LeaseId)
                    .AcquireAsync(options.LeaseDuration, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                continue;
            }

            lock (_gate)
            {
                _owned[partition] = started;
            }

            Log.PartitionAcquired(logger, partition, LeaseId);
            onAcquired(partition);
        }
    }

    /// <summary>Deletes presence blobs of processes gone for long, so that the container does not fill up with them.</summary>
    private async Task ForgetStalePresenceAsync(List<(string Worker, DateTimeOffset RefreshedAt)> presence, CancellationToken cancellationToken)
    {
        if (presence.Count == 0)
        {
            return;
        }

        var newest = presence.Max(p => p.RefreshedAt);
        foreach (var (worker, _) in presence.Where(p => newest - p.RefreshedAt > StalePresenceKept && p.Worker != LeaseId))
        {
            try
            {
                await container.GetBlobClient(PresencePrefix + worker).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException)
            {
                // Another process deleted it first, or will next time.
            }
        }
    }

    private void Lose(int partition, string reason)
    {
        lock (_gate)
        {
            if (!_owned.Remove(partition))
            {
                return;
            }
        }

        Log.PartitionLost(logger, partition, reason);
        onLost(partition);
    }
}
