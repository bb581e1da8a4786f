using Baton.Durable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Agents.Tests.EndToEnd;

/// <summary>An approval-gated tool on the real replay engine, on a fake clock, decided through the client.</summary>
public sealed class ApprovalEndToEndTests : IDisposable
{
    private readonly AzureOpenAIStub _model = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource<ApprovalNotification> _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _mailsSent;

    public void Dispose() => _model.Dispose();

    private Task<DurableHost> StartAsync()
    {
        var notifier = new Fakes.RecordingApprovalNotifier { OnNotify = n => _asked.TrySetResult(n) };
        return AgentEngine.StartAsync(
            r => r.AddOrchestratorFunc<string, AgentRunResult>("Mailer", (ctx, input) =>
                ctx.RunAgentAsync("mailer", input, new AgentRunOptions { Approvers = ["alice@example.com"] })),
            agents => agents
                .AddAgent(new AgentDefinition("mailer", "You send mail with send_mail.", AzureOpenAIStub.ModelKey) { Tools = ["send_mail"] })
                .AddTool(
                    AIFunctionFactory.Create(
                        (string to) =>
                        {
                            Interlocked.Increment(ref _mailsSent);
                            return $"mailed {to}";
                        },
                        "send_mail",
                        "Sends mail."),
                    requiresApproval: true,
                    sideEffecting: true),
            _model.Settings,
            _time,
            notifier);
    }

    /// <summary>Starts the run and returns once the approvers were asked and the orchestration waits for their decision.</summary>
    private async Task<(string Id, ApprovalNotification Asked)> StartAndAwaitApprovalAsync(DurableHost host, string input)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Mailer", input);
        var asked = await _asked.Task.WaitAsync(AgentEngine.Deadline);
        var history = await AgentEngine.HistoryAsync(
            host,
            id,
            h => h.Any(e => e.EventType == HistoryEventType.TimerCreated),
            "the approval wait's timer");

        Assert.Equal(0, Volatile.Read(ref _mailsSent));
        Assert.Equal(0, AgentEngine.Scheduled(history, AgentActivityNames.InvokeTool));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        return (id, asked);
    }

    [Fact]
    public async Task RunAgentAsync_GatedToolApprovedThroughTheClient_RunsExactlyOnceAfterTheDecision()
    {
        _model.Script(
            AzureOpenAIStub.ToolCall("call_mail", "send_mail", new { to = "ceo@example.com" }),
            AzureOpenAIStub.Answer("The CEO has been mailed."));
        await using var host = await StartAsync();

        var (id, asked) = await StartAndAwaitApprovalAsync(host, "Mail the CEO");
        Assert.Equal("send_mail", asked.Request.ToolName);
        Assert.Contains("ceo@example.com", asked.Request.ArgumentsJson, StringComparison.Ordinal);
        Assert.Equal(["alice@example.com"], asked.Recipients);
        Assert.Equal(id, asked.Request.InstanceId);

        await host.Client.RaiseEventAsync(id, asked.Request.EventName, new ApprovalDecision(true, "alice@example.com", "go ahead", _time.GetUtcNow().UtcDateTime));
        var done = await AgentEngine.CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<AgentRunResult>()!;
        Assert.Equal("The CEO has been mailed.", result.Text);
        Assert.Equal(1, _mailsSent);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal("mailed ceo@example.com", call.Result.Content);
        Assert.Equal(("alice@example.com", true), (call.Approval!.Approver, call.Approval.Approved));
        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        Assert.Equal(1, AgentEngine.Scheduled(history, AgentActivityNames.InvokeTool));
        Assert.Equal(2, _model.ChatRequests.Count);
    }

    [Fact]
    public async Task RunAgentAsync_GatedToolRejectedThroughTheClient_NeverRunsAndTheModelSeesTheRejection()
    {
        _model.Script(
            AzureOpenAIStub.ToolCall("call_mail", "send_mail", new { to = "all@example.com" }),
            AzureOpenAIStub.Answer("Understood, nothing was sent."));
        await using var host = await StartAsync();

        var (id, asked) = await StartAndAwaitApprovalAsync(host, "Mail everyone");
        await host.Client.RaiseEventAsync(id, asked.Request.EventName, new ApprovalDecision(false, "alice@example.com", "not to everyone", _time.GetUtcNow().UtcDateTime));
        var done = await AgentEngine.CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Understood, nothing was sent.", done.ReadOutputAs<AgentRunResult>()!.Text);
        Assert.Equal(0, _mailsSent);
        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        Assert.Equal(0, AgentEngine.Scheduled(history, AgentActivityNames.InvokeTool));

        var requests = _model.ChatRequests;
        Assert.Equal(2, requests.Count);
        var toolMessage = Assert.Single(
            requests[1].RootElement.GetProperty("messages").EnumerateArray(),
            m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal("call_mail", toolMessage.GetProperty("tool_call_id").GetString());
        var seen = toolMessage.GetProperty("content").ToString();
        Assert.Contains("rejected by alice@example.com", seen, StringComparison.Ordinal);
        Assert.Contains("not to everyone", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAgentAsync_DecisionFromSomeoneNotOnTheList_IsRefusedInTheLedgerAndTheRunKeepsWaiting()
    {
        _model.Script(
            AzureOpenAIStub.ToolCall("call_mail", "send_mail", new { to = "ceo@example.com" }),
            AzureOpenAIStub.Answer("The CEO has been mailed."));
        await using var host = await StartAsync();
        var ledger = host.Services.GetRequiredService<IApprovalLedger>();
        var (id, asked) = await StartAndAwaitApprovalAsync(host, "Mail the CEO");

        await host.Client.RaiseEventAsync(id, asked.Request.EventName, new ApprovalDecision(true, "mallory@example.com", "trust me", _time.GetUtcNow().UtcDateTime));
        var refused = await Baton.Testing.Eventually.UntilAsync(
            () => ledger.GetAsync(id, asked.Request.EventName),
            r => r is { Refusals.Count: > 0 },
            "the refusal in the ledger",
            AgentEngine.Deadline);

        Assert.Equal(ApprovalStatus.Pending, refused!.Status);
        Assert.Equal("mallory@example.com", Assert.Single(refused.Refusals).Approver);
        Assert.Contains("not on the approver list", refused.Refusals[0].Reason, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(0, Volatile.Read(ref _mailsSent));

        await host.Client.RaiseEventAsync(id, asked.Request.EventName, new ApprovalDecision(true, "alice@example.com", null, _time.GetUtcNow().UtcDateTime));
        var done = await AgentEngine.CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, _mailsSent);
        var record = (await ledger.GetAsync(id, asked.Request.EventName))!;
        Assert.Equal(ApprovalStatus.Approved, record.Status);
        Assert.Equal(("alice@example.com", ApprovalChannels.Api), (record.Decision!.Approver, record.Decision.Channel));
    }
}
