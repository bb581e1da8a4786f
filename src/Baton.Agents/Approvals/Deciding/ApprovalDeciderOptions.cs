namespace Baton.Agents;

/// <summary>How <see cref="ApprovalDecider"/> and its sweep (<see cref="ApprovalDecider.SweepAsync"/>) deliver decisions.</summary>
public sealed class ApprovalDeciderOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Baton:Approvals:Ledger";

    /// <summary>
    /// How long a decided record may wait for its event before anyone but its winner raises it: the winner normally
    /// raises within milliseconds, and a second raise would only add a duplicate event. After this, the next request for
    /// the record and the sweep raise it (a process died between the ledger update and the raise). Default 30 seconds.
    /// </summary>
    public TimeSpan DeliveryGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sweep delivers lost decisions and closes records of runs that ended; default 30 seconds.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called after a decision won the ledger and before its event is raised. For fault tests only: throwing here
    /// stands for a process that dies between the two steps.
    /// </summary>
    public Func<ApprovalRecord, CancellationToken, Task>? BeforeRaise { get; set; }
}
