namespace Baton.Durable.AzureStorage;

/// <summary>
/// Group commit for activity requests: a request sent while no put is in flight goes out at once, alone; requests sent
/// while one is in flight wait and go out together in the next put (up to <see cref="MaxRequests"/> and
/// <see cref="MaxBytes"/> per message). Busy hosts, with many instances each scheduling an activity at about the same
/// time, thus pay one put (and, later, one delete) for several steps; an idle host pays nothing extra. Every caller
/// returns only once its request is in the queue, so the commit order (messages before history) holds. Thread-safe.
/// </summary>
internal sealed class ActivitySendCoalescer(Func<IReadOnlyList<(OrchestrationMessage Message, string Json)>, CancellationToken, Task> put)
{
    /// <summary>Requests per group message at most.</summary>
    public const int MaxRequests = 32;

    /// <summary>Encoded bytes per group message at most.</summary>
    public static int MaxBytes => PayloadStore.MaxInlineMessageBytes - MessageCodec.GroupOverhead;

    private readonly Lock _gate = new();
    private readonly List<Pending> _waiting = [];
    private bool _putting;

    /// <summary>Sends one request (already encoded inline as <paramref name="json"/>); returns once it is in the queue.</summary>
    public async Task SendAsync(OrchestrationMessage message, string json, CancellationToken cancellationToken)
    {
        var pending = new Pending(message, json);
        List<Pending>? batch = null;
        lock (_gate)
        {
            _waiting.Add(pending);
            if (!_putting)
            {
                _putting = true;
                batch = Take();
            }
        }

        if (batch is null)
        {
            // A put is in flight: its putter takes this request with the next batch.
            await pending.Done.Task.WaitAsync(cancellationToken);
            return;
        }

        // No put was in flight: this caller puts its own batch at once, and leaves whatever gathered meanwhile to a
        // putter of its own. Puts do not follow any one caller's cancellation, since they carry other callers' requests.
        await PutAsync(batch);
        lock (_gate)
        {
            if (_waiting.Count == 0)
            {
                _putting = false;
            }
            else
            {
                _ = Task.Run(PutUntilEmptyAsync, CancellationToken.None);
            }
        }

        await pending.Done.Task;
    }

    private async Task PutUntilEmptyAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _putting = false;
                    return;
                }

                batch = Take();
            }

            await PutAsync(batch);
        }
    }

    private async Task PutAsync(List<Pending> batch)
    {
        try
        {
            await put([.. batch.Select(p => (p.Message, p.Json))], CancellationToken.None);
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception e)
        {
            batch.ForEach(p => p.Done.TrySetException(e));
        }
    }

    private List<Pending> Take()
    {
        var batch = new List<Pending>();
        var bytes = 0;
        foreach (var pending in _waiting)
        {
            var size = MessageCodec.GroupBytes(pending.Json);
            if (batch.Count > 0 && (batch.Count >= MaxRequests || bytes + size > MaxBytes))
            {
                break;
            }

            batch.Add(pending);
            bytes += size;
        }

        _waiting.RemoveRange(0, batch.Count);
        return batch;
    }

    private sealed record Pending(OrchestrationMessage Message, string Json)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
