namespace Baton.Durable.Dispatching;

/// <summary>
/// Limits and timings of a <see cref="DurableTaskWorker"/>. Names follow host.json's <c>extensions.durableTask</c>
/// settings where they exist.
/// </summary>
public sealed class DurableWorkerOptions
{
    /// <summary>
    /// Orchestration steps run at once in this process (host.json <c>maxConcurrentOrchestratorFunctions</c>); ten per
    /// core by default, as in Durable Functions. Steps mostly wait on storage, so more of them overlap round trips.
    /// </summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = Math.Max(2, Environment.ProcessorCount * 10);

    /// <summary>Activities run at once in this process (host.json <c>maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = Math.Max(4, Environment.ProcessorCount * 10);

    /// <summary>A message handed out more often than this fails its instance as a poison message.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long one receive call waits for work before it asks again.</summary>
    public TimeSpan ReceiveTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a running activity's lock is renewed.</summary>
    public TimeSpan ActivityLockRenewalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long shutdown waits for running work before it returns the rest to the store.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>ContinueAsNew generations run in one step before the next one waits for its own step.</summary>
    public int MaxContinueAsNewPerStep { get; set; } = 100;

    /// <summary>Checks the values and says which one is wrong.</summary>
    public void Validate()
    {
        if (MaxConcurrentOrchestratorFunctions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentOrchestratorFunctions), MaxConcurrentOrchestratorFunctions, "Set maxConcurrentOrchestratorFunctions to 1 or more.");
        }

        if (MaxConcurrentActivityFunctions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentActivityFunctions), MaxConcurrentActivityFunctions, "Set maxConcurrentActivityFunctions to 1 or more.");
        }

        if (MaxDequeueCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDequeueCount), MaxDequeueCount, "Set MaxDequeueCount to 1 or more.");
        }
    }
}
