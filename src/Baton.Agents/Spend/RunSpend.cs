namespace Baton.Agents;

/// <summary>
/// What a run has used so far, in all and per agent, plus any budget people approved on top. The orchestration keeps
/// one instance for the whole run (pass it in <see cref="AgentRunOptions.Spend"/> to every agent call) and shows it in
/// custom status. Its values come only from recorded activity results, so it is the same on every replay.
/// Serializable with System.Text.Json.
/// </summary>
public sealed class RunSpend
{
    /// <summary>Prompt tokens in all.</summary>
    public long InputTokens { get; set; }

    /// <summary>Completion tokens in all.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Estimated cost in all.</summary>
    public decimal EstimatedCost { get; set; }

    /// <summary>LLM calls in all.</summary>
    public int Calls { get; set; }

    /// <summary>
    /// Usage per agent name, sorted by name: parallel calls finish in whatever order the engine delivers them, and the
    /// spend must read the same whichever that was.
    /// </summary>
    public SortedDictionary<string, AgentSpend> Agents { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tokens people approved beyond <see cref="RunBudget.MaxTokens"/>.</summary>
    public long ApprovedExtraTokens { get; set; }

    /// <summary>Cost people approved beyond <see cref="RunBudget.MaxCost"/>.</summary>
    public decimal ApprovedExtraCost { get; set; }

    /// <summary>Input plus output tokens of the latest LLM call: the budget check's guess at the size of the next one.</summary>
    public long LastCallTokens { get; set; }

    /// <summary>Estimated cost of the latest LLM call.</summary>
    public decimal LastCallCost { get; set; }

    /// <summary>Input plus output tokens in all.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Adds one LLM call's usage for <paramref name="agentName"/>.</summary>
    public void Add(string agentName, AgentUsage usage)
    {
        ArgumentNullException.ThrowIfNull(agentName);
        ArgumentNullException.ThrowIfNull(usage);
        InputTokens += usage.InputTokens;
        OutputTokens += usage.OutputTokens;
        EstimatedCost += usage.EstimatedCost;
        Calls++;
        LastCallTokens = usage.TotalTokens;
        LastCallCost = usage.EstimatedCost;
        if (!Agents.TryGetValue(agentName, out var agent))
        {
            agent = new AgentSpend();
            Agents[agentName] = agent;
        }

        agent.Add(usage);
    }
}
