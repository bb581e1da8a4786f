using Baton.Durable;

namespace Baton.Agents;

/// <summary>How <see cref="AgentOrchestrationExtensions.RunAgentAsync(TaskOrchestrationContext, string, string, AgentRunOptions?)"/> runs an agent.</summary>
public sealed record AgentRunOptions
{
    /// <summary>The default retry of the LLM activity: up to 4 attempts, only for transient failures, honouring retry-after.</summary>
    public static TaskOptions DefaultAgentRetry { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(4, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(2))
        {
            HandleFailure = ModelCallException.IsTransientFailure,
        });

    /// <summary>The most LLM calls before the run fails with <see cref="MaxTurnsExceededException"/>. Default 10.</summary>
    public int MaxTurns { get; init; } = 10;

    /// <summary>The most input tokens one LLM call may send (older turns are trimmed); null for no limit.</summary>
    public int? MaxInputTokensPerCall { get; init; }

    /// <summary>
    /// The run's spend, shared by every agent call of the orchestration; a new one per call when null.
    /// The loop adds each call's usage to it.
    /// </summary>
    public RunSpend? Spend { get; init; }

    /// <summary>The run's budget; none when null.</summary>
    public RunBudget? Budget { get; init; }

    /// <summary>Who approves gated tool calls and budget increases.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>How approvals wait, remind, escalate and time out.</summary>
    public ApprovalPolicy ApprovalPolicy { get; init; } = ApprovalPolicy.Default;

    /// <summary>Retry of the LLM activity; <see cref="DefaultAgentRetry"/> unless set (null for none).</summary>
    public TaskOptions? AgentRetry { get; init; } = DefaultAgentRetry;

    /// <summary>Retry of tool activities; none by default.</summary>
    public TaskOptions? ToolRetry { get; init; }

    /// <summary>
    /// The agent's definition, for an agent that is not registered in the <see cref="AgentCatalog"/> (one a workflow
    /// file defines): sent with every LLM call (<see cref="AgentCall.Definition"/>). Its name must be the agent name
    /// the run is for. Null (the default) looks the agent up by name in the activity.
    /// </summary>
    public AgentDefinition? Agent { get; init; }

    /// <summary>Earlier messages of the conversation, sent before the input.</summary>
    public IReadOnlyList<AgentMessage>? History { get; init; }

    /// <summary>
    /// What to put in custom status after each step: by default the <see cref="AgentRunStatus"/> itself. Return null
    /// to leave custom status alone; return your own object to embed the status in a workflow's.
    /// </summary>
    public Func<AgentRunStatus, object?>? CustomStatus { get; init; }
}
