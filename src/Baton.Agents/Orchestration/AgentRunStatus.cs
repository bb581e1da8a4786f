namespace Baton.Agents;

/// <summary>What the agent loop shows in custom status: which agent, which turn, what it waits for, and the run's spend.</summary>
/// <param name="Agent">The running agent.</param>
/// <param name="Turn">The current turn, from 1.</param>
/// <param name="Step">"model", "tools", "approval", "budget-approval" or "done".</param>
/// <param name="Spend">The run's spend so far.</param>
public sealed record AgentRunStatus(string Agent, int Turn, string Step, RunSpend Spend);
