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
/// once its leases expire.
/// </summary>
internal sealed class PartitionLeases(
    BlobContainerClient container,
    int partitionCount,
    AzureStorageOrchestrationStoreOptions options,
    ILogger logger,
    Action<int> onAcquired,
    Action<int> onLost)
{
    private readonly Dictionary<int, long> _owned = [];
    private readonly Lock _gate = new();

    /// <summary>This process's lease id, the same for all its partitions.</summary>
    public string LeaseId { get; } = Guid.NewGuid().ToString();

    public static string BlobName(int partition) => "control-" + partition.ToString("D2", CultureInfo.InvariantCulture);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextAcquire = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RenewDueAsync(cancellationToken);
                if (Environment.TickCount64 >= nextAcquire && OwnedCount < partitionCount)
                {
                    await AcquireFreeAsync(cancellationToken);
                    nextAcquire = Environment.TickCount64 + (long)options.LeaseAcquireInterval.TotalMilliseconds;
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
            _owned.Clear();
        }

        await Task.WhenAll(partitions.Select(async p =>
        {
            onLost(p);
            try
            {
                await container.GetBlobClient(BlobName(p)).GetBlobLeaseClient(LeaseId).ReleaseAsync();
                Log.PartitionReleased(logger, p);
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
            {
                // The lease expires on its own.
            }
        }));
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
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "control-", cancellationToken))
        {
            if (blob.Properties.LeaseState is LeaseState.Leased or LeaseState.Breaking)
            {
                continue;
            }

            if (int.TryParse(blob.Name.AsSpan("control-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                && partition < partitionCount)
            {
                free.Add(partition);
            }
        }

        foreach (var partition in free)
        {
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
