namespace Baton.Agents;

/// <summary>The run's budget would be exceeded by the next LLM call, and no more was approved.</summary>
public sealed class BudgetExceededException(string message) : InvalidOperationException(message);
