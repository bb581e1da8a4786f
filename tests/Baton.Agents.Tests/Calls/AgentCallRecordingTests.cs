using Baton.Agents.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.Calls;

/// <summary>The agent loop's activities write what each call did to the agent call ledger.</summary>
public sealed class AgentCallRecordingTests
{
    [Fact]
    public async Task RunAgentAsync_ToolRoundThenAnswer_RecordsBothLlmCallsAndTheToolCallInOrder()
    {
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count == 1
            ? ScriptedChatClient.ToolCalls(("c1", "lookup", new Dictionary<string, object?> { ["topic"] = "tides" }), ("c2", "broken", new Dictionary<string, object?> { ["topic"] = "x" }))
            : ScriptedChatClient.Text("Tides follow the **moon**."));
        using var host = new AgentTestHost(agents => agents
            .UseChatClient("default", _ => model)
            .AddAgent(new AgentDefinition("researcher", "You are a researcher. Use lookup.") { Tools = ["lookup", "broken"] })
            .AddTool(AIFunctionFactory.Create((string topic) => $"facts about {topic}", "lookup", "Looks a topic up."))
            .AddTool(AIFunctionFactory.Create(string (string topic) => throw new ToolInputException($"no topic '{topic}'"), "broken", "Always refuses.")));

        await host.Context.RunAgentAsync("researcher", "Explain tides");
        var records = await host.Services.GetRequiredService<IAgentCallLedger>().ListAsync("instance-1");

        Assert.Equal([AgentCallKind.Model, AgentCallKind.Tool, AgentCallKind.Tool, AgentCallKind.Model], records.Select(r => r.Kind));
        Assert.Equal(records.Select(r => r.CallKey).Order(StringComparer.Ordinal), records.Select(r => r.CallKey));
        Assert.Equal(4, records.Select(r => r.CallKey).Distinct().Count());
        var first = records[0];
        Assert.Equal("You are a researcher. Use lookup.", first.Instructions);
        Assert.Equal(["Explain tides"], first.Messages!.Select(m => m.Text));
        Assert.Equal(["lookup", "broken"], first.ToolCalls!.Select(c => c.ToolName));
        Assert.Equal(1, first.Turn);
        Assert.NotNull(first.Usage);
        Assert.Null(first.ParentInstanceId);
        Assert.Equal("facts about tides", records.Single(r => r.ToolName == "lookup").Result);
        var broken = records.Single(r => r.ToolName == "broken");
        Assert.True(broken.IsError);
        Assert.Contains("no topic 'x'", broken.Result, StringComparison.Ordinal);
        Assert.Equal("x", System.Text.Json.JsonDocument.Parse(broken.ArgumentsJson!).RootElement.GetProperty("topic").GetString());
        Assert.Equal("Tides follow the **moon**.", records[^1].Reply);
        Assert.Equal(2, records[^1].Messages!.Count(m => m.Role == AgentMessage.ToolRole));
    }
}
