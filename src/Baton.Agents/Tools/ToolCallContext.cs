using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// What a tool knows about the call it serves. A tool method receives it by declaring an
/// <see cref="AIFunctionArguments"/> parameter and calling <see cref="From(AIFunctionArguments)"/>.
/// </summary>
/// <param name="InstanceId">The orchestration instance that made the call.</param>
/// <param name="AgentName">The agent whose model asked for the call.</param>
/// <param name="CallId">The model's id for the call.</param>
/// <param name="IdempotencyKey">
/// The same on every attempt of this call and different for every other call: derived from the instance id and
/// a deterministic id of the call. Side-effecting tools use it so that a retried activity does its effect once.
/// </param>
public sealed record ToolCallContext(string InstanceId, string AgentName, string CallId, string IdempotencyKey)
{
    /// <summary>The key under which the context travels in <see cref="AIFunctionArguments.Context"/>.</summary>
    public static readonly object ContextKey = typeof(ToolCallContext);

    /// <summary>The context of the current call; throws when the function is invoked outside a tool activity.</summary>
    public static ToolCallContext From(AIFunctionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Context is not null && arguments.Context.TryGetValue(ContextKey, out var value) && value is ToolCallContext context
            ? context
            : throw new InvalidOperationException("This tool runs only inside the InvokeTool activity, which supplies its ToolCallContext.");
    }
}
