using System.Globalization;
using Azure.Data.Tables;
using Baton.Durable.Storage;

namespace Baton.Durable.AzureStorage;

public sealed partial class AzureStorageOrchestrationStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The row is written before the start message. When this process owns the instance's partition and one of its
    /// dispatchers is active, the start message is handed to the dispatcher in memory instead of being put on the
    /// control queue, and the call returns once the step that consumed it has committed (history then holds the
    /// start). If that step has not begun within <see cref="StartHandoverTimeout"/>, the message is taken back and put
    /// on the queue as usual; a partition lost meanwhile passes it on through its control queue. Either way, when the
    /// call returns the start is durable, as it is once the message is written; a process that stops before then
    /// leaves the row without a start, as it would between writing the row and the message.
    /// </remarks>
    /// <exception cref="ArgumentException">The instance id contains a character table keys cannot hold.</exception>
    /// <exception cref="PayloadTooLargeException">The input is over the hard limit; nothing was written.</exception>
    public async Task CreateInstanceAsync(InstanceState instance, OrchestrationMessage startMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(startMessage);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ValidateInstanceId(instance.InstanceId);
        _payloads.EnsureWithinLimit(instance.InstanceId, "input", instance.Input);
        EnsureWithinLimits(startMessage);
        var (inserted, blobs, etag) = await _instances.CreateAsync(instance, cancellationToken);
        NotifyInstanceChanged(instance.InstanceId);
        if (inserted)
        {
            // The first step then reads neither history nor row back.
            _buffer.Prime(PartitionOf(instance.InstanceId), instance.InstanceId, new CachedInstance(HistorySnapshot.Empty, instance, blobs) { Created = true, InstanceETag = etag });
        }

        if (inserted && await TryHandOverStartAsync(startMessage, cancellationToken))
        {
            return;
        }

        await SendToControlQueueAsync(startMessage, cancellationToken);
    }

    /// <summary>True when a new instance's start would be handed to a dispatcher in memory (for an owned partition).</summary>
    internal bool DispatcherActive => _buffer.DispatcherActive;

    /// <summary>How long creating an instance waits for its first step to commit before it writes the start message after all.</summary>
    internal static readonly TimeSpan StartHandoverTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Hands a start message to this process's dispatcher without writing it, if this process owns its partition, and
    /// waits until the message is durable. False when it could not be handed over or did not become durable in time.
    /// </summary>
    private async Task<bool> TryHandOverStartAsync(OrchestrationMessage startMessage, CancellationToken cancellationToken)
    {
        // Without an active dispatcher (none runs, or a caller locks work items itself after this call) or with a long
        // queue of ready instances, the wait would be long: the message is written instead.
        var partition = PartitionOf(startMessage.InstanceId);
        if (startMessage.VisibleAt > UtcNow || !_buffer.DispatcherActive || !_buffer.IsOwned(partition))
        {
            return false;
        }

        var durability = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new ReceivedMessage(_controlQueues[partition], "start-" + Guid.NewGuid().ToString("N"), string.Empty, startMessage, null)
        {
            Durability = durability,
        };
        if (!_buffer.Add(partition, start))
        {
            return false;
        }

        NudgePoller(partition);
        while (true)
        {
            try
            {
                return await durability.Task.WaitAsync(StartHandoverTimeout, cancellationToken);
            }
            catch (TimeoutException) when (_buffer.Withdraw(partition, start))
            {
                return false;
            }
            catch (TimeoutException)
            {
                // A step holds the message right now: it commits (durable) or gives it back (withdrawn next time).
            }
        }
    }

    /// <inheritdoc />
    public async Task SendMessageAsync(OrchestrationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ValidateInstanceId(message.InstanceId);
        EnsureWithinLimits(message);
        await SendToControlQueueAsync(message, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The row of a running instance whose partition this process owns and whose state it holds is answered from
    /// memory, payloads included: while the partition is owned, only this process writes that row, so memory holds
    /// what storage holds. Any other row is read from the table.
    /// </remarks>
    public async Task<InstanceState?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (_buffer.CachedRow(PartitionOf(instanceId), instanceId) is { } cached)
        {
            return cached;
        }

        return (await _instances.GetAsync(instanceId, includePayloads, cancellationToken))?.State;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return (await _history.ReadAsync(instanceId, cancellationToken)).Events;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The table service cannot sort by creation time, so the summary columns of every matching row are read and sorted
    /// in memory; inputs, outputs and custom status (and any payload blobs behind them) are read only for the rows of
    /// the page. The continuation token is the offset of the next page.
    /// </remarks>
    public async Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "Set PageSize between 1 and 1000.");
        }

        var offset = 0;
        if (query.ContinuationToken is not null && !int.TryParse(query.ContinuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new ArgumentException($"Continuation token '{query.ContinuationToken}' was not issued by this store.", nameof(query));
        }

        var matches = new List<InstanceState>();
        var filter = BuildFilter(query.CreatedFrom, query.CreatedTo, query.Statuses, query.InstanceIdPrefix);
        await foreach (var (state, _) in _instances.QueryAsync(filter, includePayloads: false, cancellationToken))
        {
            if (query.Name is null || string.Equals(state.Name, query.Name, StringComparison.OrdinalIgnoreCase))
            {
                matches.Add(state);
            }
        }

        var page = matches
            .OrderByDescending(s => s.CreatedAt)
            .ThenBy(s => s.InstanceId, StringComparer.Ordinal)
            .Skip(offset)
            .Take(query.PageSize)
            .ToList();
        var next = offset + page.Count < matches.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        if (query.FetchInputsAndOutputs)
        {
            // A row purged since the summary read is left out; one updated since is shown as it is now.
            var full = new InstanceState?[page.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, page.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
                async (i, ct) => full[i] = (await _instances.GetAsync(page[i].InstanceId, includePayloads: true, ct))?.State);
            page = [.. full.OfType<InstanceState>()];
        }

        return new InstanceQueryPage(page, next);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var row = await _instances.GetAsync(instanceId, includePayloads: false, cancellationToken);
        if (row is { } unfinished && !unfinished.State.RuntimeStatus.IsTerminal())
        {
            // A row left behind its finished history is repaired first, so that it can be purged like any finished one.
            row = await RepairRowAsync(instanceId, cancellationToken) ?? row;
        }

        return row is { } found && found.State.RuntimeStatus.IsTerminal() && await PurgeAsync(instanceId, found.ETag, cancellationToken);
    }

    /// <summary>
    /// Reads the instance's row and history and, when the row says the instance runs while its history ends with the
    /// execution's completion, rewrites the row from the history (under the row's ETag). Returns the repaired row and its
    /// new ETag, or null when nothing was repaired.
    /// </summary>
    private async Task<(InstanceState State, Azure.ETag ETag)?> RepairRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await _instances.GetAsync(instanceId, includePayloads: true, cancellationToken);
        if (row is not { } stored || stored.State.RuntimeStatus.IsTerminal())
        {
            return null;
        }

        var history = await _history.ReadAsync(instanceId, cancellationToken);
        if (InstanceRowRepair.Repair(stored.State, history.Events, UtcNow) is not { } repaired)
        {
            return null;
        }

        var written = await _instances.WriteAsync(repaired, history.Position, stored.ETag, stored.State, null, cancellationToken);
        if (written is not { } done)
        {
            return null;
        }

        Log.RowRepaired(_logger, instanceId, stored.State.RuntimeStatus, repaired.RuntimeStatus);
        _buffer.DropCache(PartitionOf(instanceId), instanceId);
        NotifyInstanceChanged(instanceId);
        return (repaired, done.ETag);
    }

    /// <summary>
    /// Checks every unfinished row of a partition this process has just acquired against its history and repairs the
    /// rows a crashed or overtaken writer left behind. Runs in the background; a failure waits for the next acquisition.
    /// </summary>
    private async Task RecoverPartitionAsync(int partition, CancellationToken cancellationToken)
    {
        try
        {
            var unfinished = new List<string>();
            var filter = BuildFilter(null, null, UnfinishedStatuses, null);
            await foreach (var (state, _) in _instances.QueryAsync(filter, includePayloads: false, cancellationToken))
            {
                if (PartitionOf(state.InstanceId) == partition)
                {
                    unfinished.Add(state.InstanceId);
                }
            }

            var repaired = 0;
            await Parallel.ForEachAsync(
                unfinished,
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (id, ct) =>
                {
                    if (await RepairRowAsync(id, ct) is not null)
                    {
                        Interlocked.Increment(ref repaired);
                    }
                });
            Log.RecoveryPassDone(_logger, partition, unfinished.Count, repaired);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Log.RecoveryPassFailed(_logger, partition, e);
        }
    }

    private static readonly OrchestrationRuntimeStatus[] UnfinishedStatuses =
    [
        OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.ContinuedAsNew,
    ];

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is { Count: > 0 } requested
            ? requested.Where(s => s.IsTerminal()).ToArray()
            : Enum.GetValues<OrchestrationRuntimeStatus>().Where(s => s.IsTerminal()).ToArray();
        if (statuses.Length == 0)
        {
            return 0;
        }

        var rows = new List<(string Id, Azure.ETag ETag)>();
        await foreach (var (state, etag) in _instances.QueryAsync(BuildFilter(filter.CreatedFrom, filter.CreatedTo, statuses, null), false, cancellationToken))
        {
            rows.Add((state.InstanceId, etag));
        }

        var purged = 0;
        foreach (var (id, etag) in rows)
        {
            if (await PurgeAsync(id, etag, cancellationToken))
            {
                purged++;
            }
        }

        return purged;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A commit by this process that changes the status, output or custom status (or a create or purge) wakes the waiter
    /// at once; changes by other processes are seen after <paramref name="maxWait"/>.
    /// </remarks>
    public async Task WaitForInstanceChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var waiter = _instanceChanges.GetOrAdd(instanceId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = await Task.WhenAny(waiter.Task, Task.Delay(maxWait, delay.Token));
        await delay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        _ = finished;
    }

    private async Task<bool> PurgeAsync(string instanceId, Azure.ETag etag, CancellationToken cancellationToken)
    {
        // The row goes first, under its ETag, so that an instance re-created meanwhile is left alone.
        if (!await _instances.DeleteAsync(instanceId, etag, cancellationToken))
        {
            return false;
        }

        NotifyInstanceChanged(instanceId);
        await _history.DeleteAsync(instanceId, cancellationToken);
        await _payloads.DeleteInstanceAsync(instanceId, cancellationToken);
        return true;
    }

    private static string? BuildFilter(
        DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo,
        IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses,
        string? instanceIdPrefix)
    {
        var clauses = new List<string>();
        if (createdFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime ge {from.UtcDateTime}"));
        }

        if (createdTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedTime lt {to.UtcDateTime}"));
        }

        if (statuses is { Count: > 0 })
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (!string.IsNullOrEmpty(instanceIdPrefix))
        {
            // Ordinal prefix range: every key that starts with the prefix sorts between it and the prefix followed by U+FFFF.
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {instanceIdPrefix} and PartitionKey lt {instanceIdPrefix + '\uffff'}"));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var bad = instanceId.FirstOrDefault(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        if (bad != default || instanceId.Length > 256 || instanceId is "." or "..")
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' cannot be stored: use at most 256 characters, not '.' or '..', and none of '/', '\\', '#', '?' or control characters.",
                nameof(instanceId));
        }
    }
}
