using System.Globalization;
using System.Runtime.CompilerServices;
using Baton.Durable;

namespace Baton.Agents;

/// <summary>
/// Keys for <see cref="AgentCallRecord"/>s, made in orchestration code: the step's time and a counter of the calls the
/// code has asked for so far in this execution. Deterministic (the same on every replay, on both engines, with no
/// <see cref="TaskOrchestrationContext.NewGuid"/> taken, so runs in flight keep their sequence of ids), different for
/// every call of an execution, and sorting in the order the calls were made.
/// </summary>
public static class AgentCallKeys
{
    private static readonly ConditionalWeakTable<TaskOrchestrationContext, StrongBox<int>> Counters = [];

    /// <summary>The key of the next agent or tool call of <paramref name="context"/>.</summary>
    public static string Next(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A context lives for one replay of one execution: the counter restarts with the code, so it counts the same.
        var counter = Counters.GetValue(context, _ => new StrongBox<int>());
        counter.Value++;
        return context.CurrentUtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture) + "-" +
               counter.Value.ToString("D4", CultureInfo.InvariantCulture);
    }
}
