using Baton.Functions.Functions;

namespace Baton.Functions.Hosting;

/// <summary>
/// The orchestrator and activity functions the Functions app has, by name: those <c>Baton.Functions.Generators</c> wrote
/// at build time for the <c>[DurableTask]</c> classes the app's compilation could see. Durable Functions runs an
/// orchestrator or activity only through a function of its name, so a registration without one cannot run on Azure.
/// Names compare case-insensitively, as function names do.
/// </summary>
internal sealed class DurableFunctionNames
{
    /// <summary>Creates the set from function names.</summary>
    public DurableFunctionNames(IEnumerable<string> orchestrators, IEnumerable<string> activities)
    {
        ArgumentNullException.ThrowIfNull(orchestrators);
        ArgumentNullException.ThrowIfNull(activities);
        Orchestrators = orchestrators.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Activities = activities.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The functions this build of the app has: the generator's lists.</summary>
    public static DurableFunctionNames Generated { get; } = new(WorkflowOrchestrators.FunctionNames, WorkflowActivities.FunctionNames);

    /// <summary>The orchestrator functions' names.</summary>
    public IReadOnlySet<string> Orchestrators { get; }

    /// <summary>The activity functions' names.</summary>
    public IReadOnlySet<string> Activities { get; }

    /// <summary>These functions and <paramref name="orchestrators"/> and <paramref name="activities"/> besides.</summary>
    public DurableFunctionNames With(IEnumerable<string> orchestrators, IEnumerable<string> activities) =>
        new(Orchestrators.Concat(orchestrators), Activities.Concat(activities));
}
