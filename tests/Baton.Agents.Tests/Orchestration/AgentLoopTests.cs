using Baton.Agents.Tests.Fakes;
using Baton.Durable;
using Microsoft.Extensions.AI;

namespace Baton.Agents.Tests.Orchestration;

public sealed class AgentLoopTests
{
    private int _emailsSent;

    private static Dictionary<string, object?> Args(string name, object? value) => new() { [name] = value };

    private static bool HasToolResult(IReadOnlyList<ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Any();

    private AgentTestHost Host(ScriptedChatClient model, Action<AgentsBuilder>? configure = null) => new(agents =>
    {
        agents.UseChatClient("default", _ => model)
            .AddAgent(new AgentDefinition("researcher", "You are a researcher. Use lookup.") { Tools = ["lookup", "send_mail"] })
            .AddAgent(new AgentDefinition("labeler", "You label tickets.") { OutputType = typeof(Label) })
            .AddAgent(new AgentDefinition("rater", "You rate tickets.") { OutputType = typeof(Rating) })
            .AddTool(AIFunctionFactory.Create((string topic) => $"facts about {topic}", "lookup", "Looks a topic up."))
            .AddTool(AIFunctionFactory.Create((string to) => { Interlocked.Increment(ref _emailsSent); return $"mailed {to}"; }, "send_mail", "Sends mail."), requiresApproval: true, sideEffecting: true);
        configure?.Invoke(agents);
    });

    [Fact]
    public async Task RunAgentAsync_TwoToolRounds_RunsToolsAsActivitiesAndFeedsResultsBack()
    {
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count switch
        {
            1 => ScriptedChatClient.ToolCalls(("c1", "lookup", Args("topic", "tides")), ("c2", "lookup", Args("topic", "moon"))),
            2 => ScriptedChatClient.ToolCalls(("c3", "lookup", Args("topic", "sun"))),
            _ => ScriptedChatClient.Text("Tides follow the moon."),
        });
        using var host = Host(model);

        var result = await host.Context.RunAgentAsync("researcher", "Explain tides");

        Assert.Equal("Tides follow the moon.", result.Text);
        Assert.Equal(3, result.Turns);
        Assert.Equal(3, host.Context.CountCalls(AgentActivityNames.InvokeAgent));
        Assert.Equal(3, host.Context.CountCalls(AgentActivityNames.InvokeTool));
        Assert.Equal(["facts about tides", "facts about moon", "facts about sun"], result.ToolCalls.Select(c => c.Result.Content));
        var lastPrompt = model.Calls[^1].Messages;
        Assert.Equal(["facts about tides", "facts about moon", "facts about sun"], lastPrompt.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString()));
        Assert.Equal(new AgentUsage(30, 15), result.Usage);
        var keys = host.Context.ActivityCalls.Where(c => c.Name == AgentActivityNames.InvokeTool)
            .Select(c => host.Context.Converter.Deserialize<ToolCall>(c.Input)!.IdempotencyKey).ToList();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.All(keys, k => Assert.StartsWith("instance-1:", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAgentAsync_ApprovalGatedTool_RunsOnlyAfterApprovalAndExactlyOnce()
    {
        var model = new ScriptedChatClient((self, messages, _) => HasToolResult(messages)
            ? ScriptedChatClient.Text("Mailed.")
            : ScriptedChatClient.ToolCalls(("m1", "send_mail", Args("to", "ceo@example.com"))));
        using var host = Host(model);
        var sentWhenAsked = -1;
        host.Notifier.OnNotify = n =>
        {
            sentWhenAsked = _emailsSent;
            host.Context.RaiseEvent(n.Request.EventName, new ApprovalDecision(true, "alice@example.com", "ok", host.Context.Now));
        };

        var result = await host.Context.RunAgentAsync("researcher", "Mail the CEO", new AgentRunOptions { Approvers = ["alice@example.com"] });

        Assert.Equal(0, sentWhenAsked);
        Assert.Equal(1, _emailsSent);
        var notification = Assert.Single(host.Notifier.Notifications);
        Assert.Equal("send_mail", notification.Request.ToolName);
        Assert.Contains("ceo@example.com", notification.Request.ArgumentsJson, StringComparison.Ordinal);
        Assert.Equal(["alice@example.com"], notification.Recipients);
        var names = host.Context.ActivityCalls.Select(c => c.Name).ToList();
        Assert.True(names.IndexOf(AgentActivityNames.NotifyApprovers) < names.IndexOf(AgentActivityNames.InvokeTool));
        Assert.True(Assert.Single(result.ToolCalls).Approval!.Approved);
    }

    [Fact]
    public async Task RunAgentAsync_RejectedTool_NeverRunsAndTheModelSeesTheRejection()
    {
        var model = new ScriptedChatClient((self, messages, _) => HasToolResult(messages)
            ? ScriptedChatClient.Text("Understood, not sending.")
            : ScriptedChatClient.ToolCalls(("m1", "send_mail", Args("to", "all@example.com"))));
        using var host = Host(model);
        host.Notifier.OnNotify = n => host.Context.RaiseEvent(n.Request.EventName, new ApprovalDecision(false, "bob", "not to everyone", host.Context.Now));

        var result = await host.Context.RunAgentAsync("researcher", "Mail everyone", new AgentRunOptions { Approvers = ["bob"] });

        Assert.Equal(0, _emailsSent);
        Assert.Equal(0, host.Context.CountCalls(AgentActivityNames.InvokeTool));
        var seen = model.Calls[^1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single().Result?.ToString();
        Assert.Contains("rejected by bob", seen, StringComparison.Ordinal);
        Assert.Contains("not to everyone", seen, StringComparison.Ordinal);
        Assert.True(Assert.Single(result.ToolCalls).Result.Rejected);
    }

    [Fact]
    public async Task RunAgentAsync_NobodyDecides_DefaultRejectAppliesAfterTheTimeout()
    {
        var model = new ScriptedChatClient((self, messages, _) => HasToolResult(messages)
            ? ScriptedChatClient.Text("done")
            : ScriptedChatClient.ToolCalls(("m1", "send_mail", Args("to", "x@example.com"))));
        using var host = Host(model);
        var start = host.Context.Now;

        var result = await host.Context.RunAgentAsync("researcher", "Mail x", new AgentRunOptions
        {
            Approvers = ["bob"],
            ApprovalPolicy = new ApprovalPolicy(TimeSpan.FromDays(1)),
        });

        Assert.Equal(0, _emailsSent);
        var approval = Assert.Single(result.ToolCalls).Approval!;
        Assert.True(approval.IsDefault);
        Assert.False(approval.Approved);
        Assert.Equal(start.AddDays(1), host.Context.Now);
    }

    [Fact]
    public async Task RunAgentAsync_ModelKeepsAskingForTools_FailsWithMaxTurns()
    {
        var model = new ScriptedChatClient((self, _, _) => ScriptedChatClient.ToolCalls(($"c{self.Calls.Count}", "lookup", Args("topic", "more"))));
        using var host = Host(model);

        var failure = await Assert.ThrowsAsync<MaxTurnsExceededException>(() =>
            host.Context.RunAgentAsync("researcher", "Loop forever", new AgentRunOptions { MaxTurns = 3 }));

        Assert.Contains("3 turns", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, model.Calls.Count);
    }

    [Fact]
    public async Task RunAgentAsync_TokenBudgetReached_FailsBeforeTheNextCall()
    {
        var model = new ScriptedChatClient((self, _, _) => ScriptedChatClient.ToolCalls(($"c{self.Calls.Count}", "lookup", Args("topic", "x"))));
        using var host = Host(model);

        var failure = await Assert.ThrowsAsync<BudgetExceededException>(() => host.Context.RunAgentAsync(
            "researcher",
            "Research",
            new AgentRunOptions { Budget = new RunBudget(MaxTokens: 40) }));

        // Each call uses 15 tokens: after two (30) a third would reach about 45 > 40.
        Assert.Equal(2, model.Calls.Count);
        Assert.Contains("40-token budget", failure.Message, StringComparison.Ordinal);
        var status = host.Context.LastStatus<AgentRunStatus>()!;
        Assert.Equal(30, status.Spend.TotalTokens);
        Assert.Equal(2, status.Spend.Agents["researcher"].Calls);
    }

    [Fact]
    public async Task RunAgentAsync_BudgetApproved_ContinuesWithMoreBudget()
    {
        var model = new ScriptedChatClient((self, _, _) => self.Calls.Count < 3
            ? ScriptedChatClient.ToolCalls(($"c{self.Calls.Count}", "lookup", Args("topic", "x")))
            : ScriptedChatClient.Text("finished"));
        using var host = Host(model);
        host.Notifier.OnNotify = n => host.Context.RaiseEvent(n.Request.EventName, new ApprovalDecision(true, "cfo", null, host.Context.Now));
        var spend = new RunSpend();

        var result = await host.Context.RunAgentAsync("researcher", "Research", new AgentRunOptions
        {
            Budget = new RunBudget(MaxTokens: 40, OnExceeded: BudgetExceededAction.RequestApproval),
            Approvers = ["cfo"],
            Spend = spend,
        });

        Assert.Equal("finished", result.Text);
        var notification = Assert.Single(host.Notifier.Notifications);
        Assert.Equal("budget", notification.Request.Kind);
        Assert.Equal(40, spend.ApprovedExtraTokens);
        Assert.Equal(45, spend.TotalTokens);
    }

    [Fact]
    public async Task RunAgentAsync_BudgetRejected_FailsWithTheApproversWord()
    {
        var model = new ScriptedChatClient((self, _, _) => ScriptedChatClient.ToolCalls(($"c{self.Calls.Count}", "lookup", Args("topic", "x"))));
        using var host = Host(model);
        host.Notifier.OnNotify = n => host.Context.RaiseEvent(n.Request.EventName, new ApprovalDecision(false, "cfo", "enough", host.Context.Now));

        var failure = await Assert.ThrowsAsync<BudgetExceededException>(() => host.Context.RunAgentAsync("researcher", "Research", new AgentRunOptions
        {
            Budget = new RunBudget(MaxTokens: 20, OnExceeded: BudgetExceededAction.RequestApproval),
            Approvers = ["cfo"],
        }));

        Assert.Contains("cfo: enough", failure.Message, StringComparison.Ordinal);
        Assert.Single(model.Calls);
    }

    [Fact]
    public async Task RunAgentAsync_LongHistory_TrimsOldTurnsButKeepsInstructionsTaskAndLatest()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("ok"));
        using var host = Host(model);
        var history = new List<AgentMessage> { AgentMessage.User("TASK: the original task.") };
        for (var i = 0; i < 40; i++)
        {
            history.Add(AgentMessage.Assistant($"old answer {i} " + string.Concat(Enumerable.Repeat("filler words ", 30))));
            history.Add(AgentMessage.User($"old question {i}"));
        }

        var result = await host.Context.RunAgentAsync("researcher", "LATEST question", new AgentRunOptions
        {
            History = history,
            MaxInputTokensPerCall = 600,
        });

        var sent = model.Calls.Single().Messages;
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.Equal("You are a researcher. Use lookup.", sent[0].Text);
        Assert.Equal("TASK: the original task.", sent[1].Text);
        Assert.Equal("LATEST question", sent[^1].Text);
        Assert.DoesNotContain(sent, m => m.Text.StartsWith("old answer 0 ", StringComparison.Ordinal));
        Assert.True(TokenCounter.CountMessages(sent) <= 600 + 3, $"sent {TokenCounter.CountMessages(sent)} tokens");
        Assert.Equal("ok", result.Text);
    }

    [Fact]
    public async Task RunAgentAsync_InvalidStructuredOutputThenValid_RepairsOnce()
    {
        var model = new ScriptedChatClient((self, _, _) => self.Calls.Count == 1
            ? ScriptedChatClient.Text("not json")
            : ScriptedChatClient.Text("""{"name":"urgent","score":3}"""));
        using var host = Host(model);

        var result = await host.Context.RunAgentAsync<Label>("labeler", "Label this");

        Assert.Equal(new Label("urgent", 3), result.Output);
        Assert.Equal(2, result.Run.Turns);
        Assert.Contains("not valid", model.Calls[1].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAgentAsync_StructuredOutputInvalidTwice_FailsClearly()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("""{"score":3}"""));
        using var host = Host(model);

        var failure = await Assert.ThrowsAsync<StructuredOutputException>(() => host.Context.RunAgentAsync<Label>("labeler", "Label this"));

        Assert.Contains("labeler", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, model.Calls.Count);
    }

    [Fact]
    public async Task RunAgentAsync_AnswerOutsideTheSchemasRange_IsRepairedWithTheValidationErrors()
    {
        var model = new ScriptedChatClient((self, _, _) => self.Calls.Count == 1
            ? ScriptedChatClient.Text("""{"priority":"Urgent","confidence":1.5}""")
            : ScriptedChatClient.Text("""{"priority":"High","confidence":0.9}"""));
        using var host = Host(model);

        var result = await host.Context.RunAgentAsync<Rating>("rater", "Rate this");

        Assert.Equal(new Rating(Priority.High, 0.9), result.Output);
        Assert.Equal(2, model.Calls.Count);
        var repair = model.Calls[1].Messages[^1].Text;
        Assert.Contains("/confidence", repair, StringComparison.Ordinal);
        Assert.Contains("/priority", repair, StringComparison.Ordinal);
        Assert.Equal("""{"priority":"Urgent","confidence":1.5}""", model.Calls[1].Messages[^2].Text);
    }

    [Fact]
    public async Task RunAgentAsync_AnswerOutsideTheSchemasRangeTwice_FailsNamingTheFieldAndTheBound()
    {
        var model = new ScriptedChatClient((_, _, _) => ScriptedChatClient.Text("""{"priority":"High","confidence":1.5}"""));
        using var host = Host(model);

        var failure = await Assert.ThrowsAsync<StructuredOutputException>(() => host.Context.RunAgentAsync<Rating>("rater", "Rate this"));

        Assert.Equal(2, model.Calls.Count);
        Assert.Contains("rater", failure.Message, StringComparison.Ordinal);
        Assert.Contains("/confidence", failure.Error, StringComparison.Ordinal);
        Assert.Contains("1", failure.Error, StringComparison.Ordinal);
        Assert.Equal("""{"priority":"High","confidence":1.5}""", failure.Output);
    }

    [Fact]
    public async Task RunAgentAsync_SharedSpend_KeepsTotalsPerAgentInCustomStatus()
    {
        var model = new ScriptedChatClient((_, _, options) => options?.ResponseFormat is ChatResponseFormatJson
            ? ScriptedChatClient.Text("""{"name":"a","score":1}""", input: 100, output: 20)
            : ScriptedChatClient.Text("plain", input: 50, output: 10));
        using var host = Host(model, agents => agents.AddAgent(new AgentDefinition("writer", "You write.")));
        var spend = new RunSpend();

        await host.Context.RunAgentAsync("writer", "one", new AgentRunOptions { Spend = spend });
        await host.Context.RunAgentAsync("labeler", "two", new AgentRunOptions { Spend = spend });

        var status = host.Context.LastStatus<AgentRunStatus>()!;
        Assert.Equal("done", status.Step);
        Assert.Equal(180, status.Spend.TotalTokens);
        Assert.Equal(60, status.Spend.Agents["writer"].InputTokens + status.Spend.Agents["writer"].OutputTokens);
        Assert.Equal(120, status.Spend.Agents["labeler"].InputTokens + status.Spend.Agents["labeler"].OutputTokens);
    }

    public sealed record Label(string Name, int Score);

    public enum Priority
    {
        Low,
        High,
    }

    public sealed record Rating(Priority Priority, [property: System.ComponentModel.DataAnnotations.Range(0.0, 1.0)] double Confidence);
}
