namespace Baton.Agents;

/// <summary>An agent run with a typed structured answer.</summary>
/// <param name="Output">The answer, validated against <typeparamref name="T"/>.</param>
/// <param name="Run">The run's details.</param>
public sealed record AgentRunResult<T>(T Output, AgentRunResult Run);
