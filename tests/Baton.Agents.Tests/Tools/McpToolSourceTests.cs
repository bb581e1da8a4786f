using System.Diagnostics;
using Baton.Agents.Tests.Fakes;
using Baton.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.Tools;

/// <summary>MCP tools against a real MCP server process (tests/Baton.Mcp.TestServer) spoken to over stdio.</summary>
public sealed class McpToolSourceTests : IDisposable
{
    private readonly string _callLog = Path.Combine(Path.GetTempPath(), $"baton-mcp-calls-{Guid.NewGuid():N}.log");

    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    private McpServerSettings Server(Action<McpServerSettings>? configure = null)
    {
        var settings = new McpServerSettings { Command = "dotnet", Arguments = [McpTestServer.Dll] };
        settings.Environment["CONTRACTS_CALL_LOG"] = _callLog;
        configure?.Invoke(settings);
        return settings;
    }

    private string[] Calls() => File.Exists(_callLog) ? File.ReadAllLines(_callLog) : [];

    public void Dispose() => File.Delete(_callLog);

    [Fact]
    public async Task GetToolsAsync_StdioServer_ListsItsToolsWithDescriptionsAndSchemas()
    {
        await using var source = new McpToolSource("contracts", Server());

        var tools = await source.GetToolsAsync();

        Assert.Equal("mcp:contracts", source.Name);
        Assert.Equal(["check_clause", "score_risk"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        var check = tools.Single(t => t.Name == "check_clause");
        Assert.Equal("Checks a contract clause against the standard terms.", check.Function.Description);
        Assert.Equal("The clause text.", check.Function.JsonSchema.GetProperty("properties").GetProperty("clause").GetProperty("description").GetString());
        Assert.False(check.RequiresApproval);
    }

    [Fact]
    public async Task RunAgentAsync_AgentWithTheServersTools_CallsTheServerAsAToolActivityWithTheIdempotencyKey()
    {
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count == 1
            ? ScriptedChatClient.ToolCalls(("c1", "check_clause", Args(("clause", "The supplier has unlimited liability."))))
            : ScriptedChatClient.Text("Not standard."));
        using var host = new AgentTestHost(agents => agents.UseChatClient("default", _ => model)
            .AddAgent(new AgentDefinition("legal", "You check clauses.") { Tools = ["mcp:contracts/*"] })
            .AddMcpServer("contracts", Server()));

        var result = await host.Context.RunAgentAsync("legal", "Check the liability clause");

        Assert.Equal(["check_clause", "score_risk"], model.Calls[0].Options!.Tools!.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, host.Context.CountCalls(AgentActivityNames.InvokeTool));
        var call = Assert.Single(result.ToolCalls);
        Assert.False(call.Result.IsError);
        Assert.Equal("Clause 'The supplier has unlimited liability.' is NOT standard: unlimited liability.", call.Result.Content);
        var logged = Assert.Single(Calls()).Split('\t');
        Assert.Equal("check_clause", logged[0]);
        Assert.StartsWith("instance-1:", logged[2], StringComparison.Ordinal);
        var sent = host.Context.Converter.Deserialize<ToolCall>(host.Context.ActivityCalls.Single(c => c.Name == AgentActivityNames.InvokeTool).Input)!;
        Assert.Equal(sent.IdempotencyKey, logged[2]);
    }

    [Fact]
    public async Task RunAgentAsync_ServerAnswersWithAnError_TheModelSeesAnErrorResult()
    {
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count == 1
            ? ScriptedChatClient.ToolCalls(("c1", "score_risk", Args(("clause", "broken"))))
            : ScriptedChatClient.Text("Could not score."));
        using var host = new AgentTestHost(agents => agents.UseChatClient("default", _ => model)
            .AddAgent(new AgentDefinition("legal", "You score clauses.") { Tools = ["mcp:contracts/score_risk"] })
            .AddMcpServer("contracts", Server()));

        var result = await host.Context.RunAgentAsync("legal", "Score it");

        Assert.Equal(["score_risk"], model.Calls[0].Options!.Tools!.Select(t => t.Name));
        var call = Assert.Single(result.ToolCalls);
        Assert.True(call.Result.IsError);
        Assert.Contains("MCP server 'contracts'", call.Result.Content, StringComparison.Ordinal);
        Assert.Contains("empty or broken", call.Result.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAgentAsync_ConfiguredApproval_AsksTheServersApproversBeforeTheCallReachesTheServer()
    {
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count == 1
            ? ScriptedChatClient.ToolCalls(("c1", "check_clause", Args(("clause", "Net 30 payment."))))
            : ScriptedChatClient.Text("Standard."));
        var settings = new Dictionary<string, string?>
        {
            ["Baton:Mcp:Servers:contracts:Command"] = "dotnet",
            ["Baton:Mcp:Servers:contracts:Arguments:0"] = McpTestServer.Dll,
            ["Baton:Mcp:Servers:contracts:Environment:CONTRACTS_CALL_LOG"] = _callLog,
            ["Baton:Mcp:Servers:contracts:ApprovalRequiredFor:0"] = "check_clause",
            ["Baton:Mcp:Servers:contracts:Approvers:0"] = "legal@contoso.example",
        };
        using var host = new AgentTestHost(
            agents => agents.UseChatClient("default", _ => model).AddAgent(new AgentDefinition("legal", "You check clauses.") { Tools = ["check_clause"] }),
            settings);
        var callsWhenAsked = -1;
        host.Notifier.OnNotify = n =>
        {
            callsWhenAsked = Calls().Length;
            host.Context.RaiseEvent(n.Request.EventName, new ApprovalDecision(true, "legal@contoso.example", null, host.Context.Now));
        };

        var result = await host.Context.RunAgentAsync("legal", "Check it", new AgentRunOptions { Approvers = ["someone@contoso.example"] });

        Assert.Equal(0, callsWhenAsked);
        var notification = Assert.Single(host.Notifier.Notifications);
        Assert.Equal(["legal@contoso.example"], notification.Recipients);
        Assert.Equal("check_clause", notification.Request.ToolName);
        Assert.Single(Calls());
        Assert.Equal("Clause 'Net 30 payment.' is standard.", Assert.Single(result.ToolCalls).Result.Content);
    }

    [Fact]
    public async Task CallAsync_ServerProcessExited_StartsItAgainForTheNextCall()
    {
        await using var source = new McpToolSource("contracts", Server());
        Assert.Contains("is standard", await source.CallAsync("check_clause", Args(("clause", "first")), "k1", CancellationToken.None), StringComparison.Ordinal);
        var firstPid = int.Parse(Calls()[0].Split('\t')[3], System.Globalization.CultureInfo.InvariantCulture);
        using (var process = Process.GetProcessById(firstPid))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        var answer = await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    return await source.CallAsync("check_clause", Args(("clause", "second")), "k2", CancellationToken.None);
                }
                catch (Exception e) when (e is not McpServerException)
                {
                    return null;
                }
            },
            a => a is not null,
            "the source to start the server again",
            TimeSpan.FromSeconds(30));

        Assert.Contains("'second' is standard", answer!, StringComparison.Ordinal);
        var secondPid = int.Parse(Calls()[^1].Split('\t')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(firstPid, secondPid);
    }

    [Fact]
    public async Task ResolveAsync_UnconfiguredServer_SaysWhereToConfigureIt()
    {
        var catalog = new ToolCatalog([], [new McpToolSource("contracts", Server())]);

        var error = await Assert.ThrowsAsync<ToolNotFoundException>(async () => await catalog.ResolveAsync(["mcp:crm/*"]));

        Assert.Contains("Baton:Mcp:Servers:crm", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddMcpServer(\"crm\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("mcp:contracts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetToolsAsync_CommandThatDoesNotExist_FailsNamingTheServerAndTheEntry()
    {
        await using var source = new McpToolSource("ghost", new McpServerSettings { Command = "/nonexistent/mcp-server" });

        var error = await Assert.ThrowsAsync<McpServerException>(async () => await source.GetToolsAsync());

        Assert.Equal("ghost", error.Server);
        Assert.Contains("Baton:Mcp:Servers:ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/mcp-server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void McpServers_BothCommandAndUrl_FailNamingTheEntries()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Mcp:Servers:crm:Command"] = "crm-mcp",
            ["Baton:Mcp:Servers:crm:Url"] = "https://crm.example/mcp",
        }).Build();

        var error = Assert.Throws<McpServerException>(() => new McpServers(configuration, []));

        Assert.Contains("Baton:Mcp:Servers:crm:Command", error.Message, StringComparison.Ordinal);
        Assert.Contains("Baton:Mcp:Servers:crm:Url", error.Message, StringComparison.Ordinal);
        Assert.Contains("both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Container_Disposed_EndsTheServerProcess()
    {
        var services = new ServiceCollection().AddLogging().AddBatonAgents(a => a.AddMcpServer("contracts", Server())).BuildServiceProvider();
        var source = services.GetRequiredService<McpServers>().Sources.Single();
        await source.CallAsync("check_clause", Args(("clause", "x")), null, CancellationToken.None);
        var pid = int.Parse(Calls()[0].Split('\t')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("-", Calls()[0].Split('\t')[2]);

        await services.DisposeAsync();

        await Eventually.UntilAsync(() => Task.FromResult(Exited(pid)), exited => exited, "the server process to end", TimeSpan.FromSeconds(30));
    }

    private static bool Exited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
