namespace Baton.Durable.Replay;

/// <summary>
/// Runs orchestration continuations one at a time on the thread that replays the orchestration, so that code
/// after an await runs in a deterministic order and never concurrently with the replay loop.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly Lock _gate = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _work.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestration code may not block on synchronous sends.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations, and those they queue, until none is left.</summary>
    public void RunPending()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (!_work.TryDequeue(out item))
                {
                    return;
                }
            }

            item.Callback(item.State);
        }
    }
}
