using System.Text.Json;
using Baton.Durable;
using Baton.Functions.Adapter;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Tests;

/// <summary>Baton orchestrators run through the adapter on Durable Functions' orchestration context (mocked at its abstract members).</summary>
public sealed class FunctionsOrchestrationContextTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static RegisteredTaskRunner Runner() => new(
        new DurableTaskRegistry().AddOrchestratorFunc<int, string>("Twice", async (ctx, x) =>
        {
            try
            {
                return "result " + await ctx.CallActivityAsync<int>("Double", new { value = x });
            }
            catch (Baton.Durable.TaskFailedException e) when (e.FailureDetails.IsCausedBy<TimeoutException>())
            {
                return $"failed {e.TaskName}: {e.FailureDetails.ErrorMessage}";
            }
        }),
        new ServiceCollection().BuildServiceProvider());

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static Mock<Df.TaskOrchestrationContext> Context()
    {
        var context = new Mock<Df.TaskOrchestrationContext> { CallBase = true };
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.SetupGet(c => c.InstanceId).Returns("run-1");
        return context;
    }

    [Fact]
    public async Task CallActivityAsync_OnDurableFunctions_SendsBatonJsonAndReadsTheResult()
    {
        var runner = Runner();
        var context = Context();
        object? sent = null;
        context.Setup(c => c.CallActivityAsync<JsonElement?>(It.Is<Df.TaskName>(n => n.Name == "Double"), It.IsAny<object?>(), It.IsAny<Df.TaskOptions?>()))
            .Callback((Df.TaskName _, object? input, Df.TaskOptions? _) => sent = input)
            .ReturnsAsync(Json("42"));

        var output = await runner.RunOrchestratorAsync("Twice", new FunctionsOrchestrationContext(context.Object, runner, NullLoggerFactory.Instance), Json("21"));

        Assert.Equal("result 42", output!.Value.GetString());
        Assert.Equal("{\"value\":21}", Assert.IsType<JsonElement>(sent).GetRawText());
    }

    [Fact]
    public async Task CallActivityAsync_DurableFailure_IsBatonsTaskFailedExceptionWithTheDetails()
    {
        var runner = Runner();
        var context = Context();
        context.Setup(c => c.CallActivityAsync<JsonElement?>(It.IsAny<Df.TaskName>(), It.IsAny<object?>(), It.IsAny<Df.TaskOptions?>()))
            .ThrowsAsync(new Df.TaskFailedException("Double", 3, new Df.TaskFailureDetails("System.TimeoutException", "the model did not answer", null, null, null)));

        var output = await runner.RunOrchestratorAsync("Twice", new FunctionsOrchestrationContext(context.Object, runner, NullLoggerFactory.Instance), Json("21"));

        Assert.Equal("failed Double: the model did not answer", output!.Value.GetString());
    }

    [Fact]
    public async Task RetryHandler_FailureWithRetryAfterHint_WaitsTheHintOnADurableTimer()
    {
        var runner = Runner();
        var context = Context();
        DateTime? fireAt = null;
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback((DateTime at, CancellationToken _) => fireAt = at)
            .Returns(Task.CompletedTask);
        var adapter = new FunctionsOrchestrationContext(context.Object, runner, NullLoggerFactory.Instance);
        var policy = new RetryPolicy(3, TimeSpan.FromSeconds(5));
        var options = FunctionsRetry.ToTaskOptions(adapter, TaskOptions.FromRetryPolicy(policy))!;
        var hinted = DurableFailureCodec.Encode(new Baton.Durable.TaskFailureDetails("System.Net.Http.HttpRequestException", "429", RetryAfter: TimeSpan.FromSeconds(30)));

        var retry = await options.Retry!.Handler!(new Df.RetryContext(context.Object, 1, new Df.TaskFailureDetails("System.Exception", hinted, null, null, null), TimeSpan.Zero, CancellationToken.None));
        var exhausted = await options.Retry.Handler!(new Df.RetryContext(context.Object, 3, new Df.TaskFailureDetails("System.Exception", hinted, null, null, null), TimeSpan.Zero, CancellationToken.None));

        Assert.True(retry);
        Assert.Equal(Now.AddSeconds(30), fireAt);
        Assert.False(exhausted);
    }
}
