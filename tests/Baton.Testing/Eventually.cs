using Baton.Durable;

namespace Baton.Testing;

/// <summary>Waits on a condition with a deadline, polling with a short, growing pause: never a sleep standing in for state.</summary>
public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds and returns that value; throws <see cref="TimeoutException"/> at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var until = DateTime.UtcNow + deadline;
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }
    }

    /// <summary>
    /// Waits for an instance to finish and returns its status with input and output; at the deadline throws a
    /// <see cref="TimeoutException"/> that says where the instance stands (status and custom status).
    /// </summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(DurableTaskClient client, string instanceId, TimeSpan deadline)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var cancel = new CancellationTokenSource(deadline);
        try
        {
            return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            var status = await client.GetInstanceAsync(instanceId, true);
            throw new TimeoutException($"Instance {instanceId} did not finish within {deadline}; it is {status?.RuntimeStatus} with status {status?.SerializedCustomStatus}.");
        }
    }
}
