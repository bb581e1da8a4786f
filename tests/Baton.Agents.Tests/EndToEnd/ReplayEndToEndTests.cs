using System.Text.Json;
using Baton.Durable;
using Microsoft.Extensions.AI;

namespace Baton.Agents.Tests.EndToEnd;

/// <summary>The agent loop on the real replay engine, driving the real Azure OpenAI client against WireMock.</summary>
public sealed class ReplayEndToEndTests : IDisposable
{
    private readonly AzureOpenAIStub _model = new();
    private int _toolRuns;

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task RunAgentAsync_ThreeToolRoundsOnTheEngine_CallsTheModelOncePerInvokeAgentActivityDespiteReplays()
    {
        _model.Script(
            AzureOpenAIStub.ToolCall("call_1", "get_weather", new { city = "Oslo" }),
            AzureOpenAIStub.ToolCall("call_2", "get_weather", new { city = "Bergen" }),
            AzureOpenAIStub.ToolCall("call_3", "get_weather", new { city = "Tromso" }),
            AzureOpenAIStub.Answer("Sunny in Oslo, Bergen and Tromso."));
        await using var host = await AgentEngine.StartAsync(
            r => r.AddOrchestratorFunc<string, AgentRunResult>("Forecast", (ctx, input) => ctx.RunAgentAsync("forecaster", input)),
            agents => agents
                .AddAgent(new AgentDefinition("forecaster", "You answer weather questions with get_weather.", AzureOpenAIStub.ModelKey) { Tools = ["get_weather"] })
                .AddTool(AIFunctionFactory.Create(
                    (string city) =>
                    {
                        Interlocked.Increment(ref _toolRuns);
                        return $"Sunny in {city}";
                    },
                    "get_weather",
                    "Gets the weather of a city.")),
            _model.Settings);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forecast", "Weather in Oslo, Bergen and Tromso?");
        var done = await AgentEngine.CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<AgentRunResult>()!;
        Assert.Equal("Sunny in Oslo, Bergen and Tromso.", result.Text);
        Assert.Equal(4, result.Turns);
        Assert.Equal(["Sunny in Oslo", "Sunny in Bergen", "Sunny in Tromso"], result.ToolCalls.Select(c => c.Result.Content));

        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        // Every model reply and every tool result is a new step, and every step replays the loop from the start.
        Assert.True(AgentEngine.Steps(history) >= 8, $"expected a step per completion, saw {AgentEngine.Steps(history)} OrchestratorStarted events");
        var invokeAgentActivities = AgentEngine.Scheduled(history, AgentActivityNames.InvokeAgent);
        Assert.Equal(4, invokeAgentActivities);
        Assert.Equal(invokeAgentActivities, _model.ChatRequests.Count);
        Assert.Equal(3, AgentEngine.Scheduled(history, AgentActivityNames.InvokeTool));
        Assert.Equal(3, _toolRuns);

        // The last call carried every tool result the earlier rounds produced.
        var toolMessages = _model.ChatRequests[^1].RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool")
            .Select(m => m.GetProperty("content").ValueKind == JsonValueKind.String ? m.GetProperty("content").GetString() : m.GetProperty("content").GetRawText())
            .ToList();
        Assert.Equal(3, toolMessages.Count);
        Assert.Contains(toolMessages, m => m!.Contains("Sunny in Tromso", StringComparison.Ordinal));
    }
}
