namespace Baton.Scheduling;

/// <summary>What a schedule does at start-up about an occurrence that fell due while no host was running.</summary>
public enum PastDuePolicy
{
    /// <summary>Run the most recent missed occurrence once (never more than one), as Azure Functions' timer trigger does.</summary>
    RunOnceAtStartup,

    /// <summary>Skip missed occurrences; wait for the next one.</summary>
    Skip,
}
