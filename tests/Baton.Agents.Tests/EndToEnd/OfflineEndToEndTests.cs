using System.Text.Json;
using Baton.Durable;
using Microsoft.Extensions.AI;

namespace Baton.Agents.Tests.EndToEnd;

/// <summary>The offline model through the agent loop on the real replay engine, with nothing configured.</summary>
public sealed class OfflineEndToEndTests
{
    private int _lookups;

    [Fact]
    public async Task RunAgentAsync_NoConfigurationStructuredOutput_CompletesWithSchemaValidOfflineOutput()
    {
        await using var host = await AgentEngine.StartAsync(
            r => r.AddOrchestratorFunc<string, AgentRunResult>("Brief", async (ctx, input) =>
                (await ctx.RunAgentAsync<MarketBrief>("analyst", input)).Run),
            agents => agents
                .AddAgent(new AgentDefinition("analyst", "You are a market researcher. Use lookup, then answer as a brief.") { Tools = ["lookup"], OutputType = typeof(MarketBrief) })
                .AddTool(AIFunctionFactory.Create(
                    (string topic) =>
                    {
                        Interlocked.Increment(ref _lookups);
                        return $"Heat pump sales grew strongly in 2025. Installers report long waiting lists for {topic}.";
                    },
                    "lookup",
                    "Looks a topic up."))); // no settings: every model key resolves to the offline model

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Brief", "Summarize the heat pump market in Norway.");
        var done = await AgentEngine.CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<AgentRunResult>()!;
        Assert.Equal(OfflineChatClient.OfflineModelId, result.Model);
        Assert.Contains(OfflineChatClient.Marker, result.Text, StringComparison.Ordinal);
        Assert.Equal(1, _lookups);
        Assert.Equal(2, result.Turns);

        using var output = JsonDocument.Parse(result.StructuredOutput!);
        Assert.Empty(JsonSchemaCheck.Errors(InvokeAgentActivity.SchemaFor(typeof(MarketBrief)), output.RootElement));
        Assert.True(StructuredOutputValidator.TryValidate(result.Text, typeof(MarketBrief), out _, out var error), error);
        var brief = result.ReadOutputAs<MarketBrief>();
        Assert.StartsWith(OfflineChatClient.Marker, brief.Title, StringComparison.Ordinal);
        Assert.True(result.Usage.InputTokens > 0 && result.Usage.OutputTokens > 0, $"usage {result.Usage}");

        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        Assert.Equal(2, AgentEngine.Scheduled(history, AgentActivityNames.InvokeAgent));
        Assert.Equal(1, AgentEngine.Scheduled(history, AgentActivityNames.InvokeTool));
    }

    public enum Outlook
    {
        Growing,
        Stable,
        Shrinking,
    }

    public sealed record MarketBrief(string Title, Outlook Outlook, IReadOnlyList<string> Findings, double Confidence, bool NeedsReview);
}
