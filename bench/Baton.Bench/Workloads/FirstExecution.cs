using System.Collections.Concurrent;
using System.Diagnostics;

namespace Baton.Bench.Workloads;

/// <summary>
/// When each <see cref="BenchTasks.Marked"/> orchestration first ran its code in this process, on the
/// <see cref="Stopwatch"/> clock that processes on one machine share: the moment a run begins.
/// </summary>
internal static class FirstExecution
{
    private static readonly ConcurrentDictionary<string, long> Marks = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, TaskCompletionSource<long>> Waiters = new(StringComparer.Ordinal);

    public static void Mark(string instanceId)
    {
        var now = Stopwatch.GetTimestamp();
        if (Marks.TryAdd(instanceId, now))
        {
            Waiter(instanceId).TrySetResult(now);
        }
    }

    /// <summary>The timestamp of the first execution of <paramref name="instanceId"/>, once it happens.</summary>
    public static async Task<long> WhenAsync(string instanceId)
    {
        var result = await Waiter(instanceId).Task.WaitAsync(BenchContext.Deadline);
        Waiters.TryRemove(instanceId, out _);
        return result;
    }

    private static TaskCompletionSource<long> Waiter(string instanceId) =>
        Waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
}
