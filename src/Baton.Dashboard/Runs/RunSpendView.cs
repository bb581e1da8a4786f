using System.Text.Json;

namespace Baton.Dashboard;

/// <summary>
/// Tokens and estimated cost of a run, in total and per agent: summed from its agent call records and those of its
/// sub-workflows (<see cref="FromRecords"/>), or, for runs from before records, as its custom status reports them.
/// </summary>
internal sealed record RunSpendView(long InputTokens, long OutputTokens, decimal EstimatedCost, int Calls, IReadOnlyDictionary<string, AgentSpendView> Agents)
{
    public static RunSpendView None { get; } = new(0, 0, 0m, 0, new Dictionary<string, AgentSpendView>());

    public long TotalTokens => InputTokens + OutputTokens;

    public bool IsKnown => Calls > 0 || TotalTokens > 0;

    /// <summary>True when summed from agent call records; false when read from the custom status.</summary>
    public bool FromCallRecords { get; init; }

    /// <summary>Sub-workflows whose calls are included.</summary>
    public int SubWorkflows { get; init; }

    /// <summary>LLM calls to the offline model (free).</summary>
    public int OfflineCalls { get; init; }

    /// <summary>LLM calls to a model with no price: their cost is not in <see cref="EstimatedCost"/>.</summary>
    public int UnpricedCalls { get; init; }

    /// <summary>The spend of the answered LLM calls among <paramref name="records"/>.</summary>
    public static RunSpendView FromRecords(IEnumerable<Baton.Agents.AgentCallRecord> records, int subWorkflows)
    {
        ArgumentNullException.ThrowIfNull(records);
        var calls = records.Where(r => r.Kind == Baton.Agents.AgentCallKind.Model && r.Usage is not null).ToList();
        var agents = calls
            .GroupBy(r => r.AgentName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                g => g.Key,
                g => new AgentSpendView(g.Sum(r => r.Usage!.InputTokens), g.Sum(r => r.Usage!.OutputTokens), g.Sum(r => r.Usage!.EstimatedCost), g.Count()),
                StringComparer.OrdinalIgnoreCase);
        return new RunSpendView(calls.Sum(r => r.Usage!.InputTokens), calls.Sum(r => r.Usage!.OutputTokens), calls.Sum(r => r.Usage!.EstimatedCost), calls.Count, agents)
        {
            FromCallRecords = true,
            SubWorkflows = subWorkflows,
            OfflineCalls = calls.Count(r => r.PriceSource == Baton.Agents.PriceTable.OfflineSource),
            UnpricedCalls = calls.Count(r => r.PriceSource is null),
        };
    }

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
