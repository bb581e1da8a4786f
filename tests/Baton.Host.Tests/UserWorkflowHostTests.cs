using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Testing;
using Baton.Workflows;
using Contoso.Quotes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Host.Tests;

/// <summary>
/// An application's own workflow, agents and tools (tests/Baton.Extensions.Sample) on the local host over HTTP, added
/// with the public registration call from a Program, or named in configuration, with no edit to Baton's code; the
/// offline model drives the agents and their C# and MCP tools.
/// </summary>
public sealed class UserWorkflowHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "baton-user-workflows", Guid.NewGuid().ToString("N"));
    private readonly List<WebApplication> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<HttpClient> StartAsync(Action<BatonBuilder>? configure, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Baton:Host:DataDirectory"] = _data,
            ["Baton:Approvals:DataDirectory"] = _data,
            ["Baton:Approvals:OutboxDirectory"] = Path.Combine(_data, "outbox"),
            ["Baton:Approvals:SigningKey"] = "test-signing-key-that-is-at-least-32-bytes-long",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = BatonWebHost.Build(new HostCommandLine(false, false, true, 0, []), settings, configure: configure);
        _apps.Add(app);
        await app.StartAsync();
        var url = BatonWebHost.ListeningUrl(app.Services.GetRequiredService<IServer>())!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task<JsonElement> CompletedAsync(HttpClient http, string workflow, object input)
    {
        using var started = await http.PostAsJsonAsync($"/api/workflows/{workflow}", input);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        return await Eventually.UntilAsync(
            () => http.GetFromJsonAsync<JsonElement>($"/runtime/webhooks/durabletask/instances/{id}"),
            s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated",
            $"run {id} of {workflow} to end",
            Deadline);
    }

    [Fact]
    public async Task PostWorkflow_RegisteredFromProgram_RunsWithItsActivityAgentAndMethodTools()
    {
        using var http = await StartAsync(baton => baton.AddWorkflowsFrom(typeof(QuoteWorkflow).Assembly));

        var status = await CompletedAsync(http, QuoteWorkflow.Name, new { customer = "  fabrikam ", product = "widget", quantity = 12 });

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var output = status.GetProperty("output");
        Assert.Equal("FABRIKAM", output.GetProperty("customer").GetString());
        var calls = output.GetProperty("toolCalls").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains("quote_price: 12 x widget = 150.00 EUR", calls);
        Assert.Contains("reserve_stock: reserved 12 x widget", calls);
        var prices = _apps[0].Services.GetRequiredService<PriceList>();
        var (key, reserved) = Assert.Single(prices.Reservations);
        Assert.Equal("12 x widget", reserved);
        Assert.StartsWith(status.GetProperty("instanceId").GetString() + ":", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWorkflows_RegisteredFromProgram_ListsItWithDescriptionAndTypesBesideBatonsOwn()
    {
        using var http = await StartAsync(baton => baton.AddWorkflow<QuoteWorkflow>().AddActivity<NormalizeCustomerActivity>().AddToolsFrom<QuoteTools>());

        var workflows = (await http.GetFromJsonAsync<JsonElement>("/api/workflows")).GetProperty("workflows").EnumerateArray().ToList();

        var quote = workflows.Single(w => w.GetProperty("name").GetString() == QuoteWorkflow.Name);
        Assert.Equal("Prices a quote request with the quoter agent and reserves the stock.", quote.GetProperty("description").GetString());
        Assert.Equal("csharp", quote.GetProperty("kind").GetString());
        Assert.Equal(nameof(QuoteRequest), quote.GetProperty("inputType").GetString());
        var quantity = quote.GetProperty("inputSchema").GetProperty("properties").GetProperty("quantity");
        Assert.Equal("How many.", quantity.GetProperty("description").GetString());
        Assert.Contains(workflows, w => w.GetProperty("name").GetString() == WorkflowNames.ResearchReport);
    }

    [Fact]
    public async Task PostWorkflow_Unknown_404SaysWhatToRegister()
    {
        using var http = await StartAsync(null);

        using var response = await http.PostAsJsonAsync("/api/workflows/quote-request", new { customer = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("services.AddBaton(b => b.AddWorkflow<YourOrchestrator>())", problem, StringComparison.Ordinal);
        Assert.Contains("Baton:Host:Assemblies", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWorkflow_AssemblyAndMcpServerInConfiguration_AgentCallsTheServersToolsThroughTheProcess()
    {
        var callLog = Path.Combine(_data, "mcp-calls.log");
        Directory.CreateDirectory(_data);
        using var http = await StartAsync(null, new Dictionary<string, string?>
        {
            ["Baton:Host:Assemblies"] = typeof(QuoteWorkflow).Assembly.Location,
            ["Baton:Mcp:Servers:contracts:Command"] = "dotnet",
            ["Baton:Mcp:Servers:contracts:Arguments:0"] = McpTestServer.Dll,
            ["Baton:Mcp:Servers:contracts:Environment:CONTRACTS_CALL_LOG"] = callLog,
        });

        var status = await CompletedAsync(http, ClauseCheckWorkflow.Name, new { clause = "The supplier has unlimited liability." });

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        var output = status.GetProperty("output").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains("check_clause: Clause 'The supplier has unlimited liability.' is NOT standard: unlimited liability.", output);
        Assert.Contains("score_risk: risk 5 of 5", output);
        var logged = File.ReadAllLines(callLog).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["check_clause", "score_risk"], logged.Select(l => l[0]).Order(StringComparer.Ordinal));
        Assert.All(logged, l => Assert.StartsWith(status.GetProperty("instanceId").GetString() + ":", l[2], StringComparison.Ordinal));
    }
}
