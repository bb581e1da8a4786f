using System.Text.Json;

namespace Baton.Dashboard;

/// <summary>Tokens and estimated cost of a run, in total and per agent, as its custom status reports them.</summary>
internal sealed record RunSpendView(long InputTokens, long OutputTokens, decimal EstimatedCost, int Calls, IReadOnlyDictionary<string, AgentSpendView> Agents)
{
    public static RunSpendView None { get; } = new(0, 0, 0m, 0, new Dictionary<string, AgentSpendView>());

    public long TotalTokens => InputTokens + OutputTokens;

    public bool IsKnown => Calls > 0 || TotalTokens > 0;

    public static RunSpendView Read(JsonElement? spend)
    {
        if (spend is not { ValueKind: JsonValueKind.Object })
        {
            return None;
        }

        var agents = new Dictionary<string, AgentSpendView>(StringComparer.OrdinalIgnoreCase);
        if (spend.Property("agents") is { ValueKind: JsonValueKind.Object } byAgent)
        {
            foreach (var agent in byAgent.EnumerateObject())
            {
                JsonElement? value = agent.Value;
                agents[agent.Name] = new AgentSpendView(value.Long("inputTokens") ?? 0, value.Long("outputTokens") ?? 0, value.Decimal("estimatedCost") ?? 0m, value.Int("calls") ?? 0);
            }
        }

        return new RunSpendView(spend.Long("inputTokens") ?? 0, spend.Long("outputTokens") ?? 0, spend.Decimal("estimatedCost") ?? 0m, spend.Int("calls") ?? 0, agents);
    }
}
