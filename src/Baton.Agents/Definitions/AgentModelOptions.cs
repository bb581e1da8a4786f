namespace Baton.Agents;

/// <summary>Sampling options for an agent's LLM calls; null leaves the provider's default.</summary>
/// <param name="Temperature">Sampling temperature (0 to 2).</param>
/// <param name="MaxOutputTokens">The most tokens one reply may have.</param>
public sealed record AgentModelOptions(float? Temperature = null, int? MaxOutputTokens = null);
