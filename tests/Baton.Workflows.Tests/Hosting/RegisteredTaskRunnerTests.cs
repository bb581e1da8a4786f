using System.Text.Json;
using Baton.Durable;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Baton.Workflows.Tests.Hosting;

public sealed class RegisteredTaskRunnerTests
{
    private readonly RegisteredTaskRunner _runner;

    public RegisteredTaskRunnerTests()
    {
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<Order, Receipt>("Charge", (ctx, order) => new Receipt($"{ctx.InstanceId}:{order.Item}", order.Quantity * 2.5m))
            .AddActivityFunc<string, string>("Throttled", (_, _) => Task.FromException<string>(new ThrottledException()))
            .AddOrchestratorFunc<Order, string>("Checkout", async (ctx, order) =>
            {
                var receipt = await ctx.CallActivityAsync<Receipt>("Charge", order);
                return $"{receipt.Reference} paid {receipt.Total}";
            });
        _runner = new RegisteredTaskRunner(registry, new ServiceCollection().BuildServiceProvider());
    }

    [Fact]
    public async Task RunActivityAsync_JsonInAndOut_UsesBatonsCamelCaseConverter()
    {
        using var input = JsonDocument.Parse("""{"item":"book","quantity":4}""");

        var result = await _runner.RunActivityAsync("Charge", "run-1", input.RootElement);

        Assert.Equal("""{"reference":"run-1:book","total":10.0}""", result!.Value.GetRawText());
    }

    [Fact]
    public async Task RunActivityAsync_FailureWithRetryAfter_TravelsWholeInTheExceptionMessage()
    {
        var error = await Assert.ThrowsAsync<DurableActivityException>(() => _runner.RunActivityAsync("Throttled", "run-1", null));

        var decoded = DurableFailureCodec.TryDecode(error.Message);
        Assert.NotNull(decoded);
        Assert.Equal(typeof(ThrottledException).FullName, decoded.ErrorType);
        Assert.Equal(TimeSpan.FromSeconds(30), decoded.RetryAfter);
        Assert.Equal("req-42", decoded.Properties!["requestId"]);
        Assert.Equal("429 from the model", DurableFailureCodec.Readable(error.Message));
    }

    [Fact]
    public async Task RunActivityAsync_UnknownName_FailsNamingTheRegisteredActivities()
    {
        var error = await Assert.ThrowsAsync<DurableActivityException>(() => _runner.RunActivityAsync("Refund", "run-1", null));

        Assert.Contains("Activity 'Refund' is not registered. Registered activities: Charge, Throttled.", error.Details.ErrorMessage);
    }

    [Fact]
    public async Task RunOrchestratorAsync_OrchestratorCallsAnActivity_ReturnsItsOutputAsJson()
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.CallActivityAsync<Receipt>("Charge", It.Is<object?>(o => ((Order)o!).Item == "pen"), null))
            .ReturnsAsync(new Receipt("r-7", 5m));
        using var input = JsonDocument.Parse("""{"item":"pen","quantity":2}""");

        var output = await _runner.RunOrchestratorAsync("Checkout", context.Object, input.RootElement);

        Assert.Equal("\"r-7 paid 5\"", output!.Value.GetRawText());
    }

    [Fact]
    public void FromHostFailure_PlainHostFailure_KeepsTheChain()
    {
        var inner = DurableFailureCodec.FromHostFailure("System.IO.IOException", "disk", null, null);
        var outer = DurableFailureCodec.FromHostFailure("System.InvalidOperationException", "outer", "at x", inner);

        Assert.Equal("System.InvalidOperationException", outer.ErrorType);
        Assert.Equal("disk", outer.InnerFailure!.ErrorMessage);
        Assert.True(outer.InnerFailure.IsCausedBy<IOException>());
    }

    public sealed record Order(string Item, int Quantity);

    public sealed record Receipt(string Reference, decimal Total);

    private sealed class ThrottledException() : Exception("429 from the model"), IRetryAfterHint
    {
        public TimeSpan? RetryAfter => TimeSpan.FromSeconds(30);

        public IReadOnlyDictionary<string, string>? FailureProperties => new Dictionary<string, string> { ["requestId"] = "req-42" };
    }
}
