using System.Collections.Concurrent;
using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Baton.Workflows.Tests.Fakes;

/// <summary>A Moq'd orchestration context whose LLM activity answers from a per-agent function, recording every call.</summary>
internal static class MockContext
{
    public static (Mock<TaskOrchestrationContext> Context, ConcurrentQueue<AgentCall> Calls) Create(Func<AgentCall, AgentReply> answer)
    {
        var calls = new ConcurrentQueue<AgentCall>();
        var context = new Mock<TaskOrchestrationContext>();
        context.SetupGet(c => c.InstanceId).Returns("run-1");
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc));
        context.Setup(c => c.NewGuid()).Returns(Guid.NewGuid);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context
            .Setup(c => c.CallActivityAsync<AgentReply>(It.Is<TaskName>(n => n == AgentActivityNames.InvokeAgent), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? input, TaskOptions? _) =>
            {
                var call = (AgentCall)input!;
                calls.Enqueue(call);
                try
                {
                    return Task.FromResult(answer(call));
                }
                catch (TaskFailedException e)
                {
                    return Task.FromException<AgentReply>(e);
                }
            });
        return (context, calls);
    }

    public static AgentReply Text(string text) => new(text, [], new AgentUsage(100, 20), "test-model", "stop", 1);

    public static AgentReply Structured<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, StructuredOutputValidator.SerializerOptions);
        return Text(json) with { StructuredOutput = json };
    }

    public static TaskFailedException Failed(string message) =>
        new(AgentActivityNames.InvokeAgent, 1, new TaskFailureDetails(typeof(InvalidOperationException).FullName!, message));
}
