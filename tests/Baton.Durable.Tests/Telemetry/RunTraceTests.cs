using System.Collections.Concurrent;
using System.Diagnostics;
using Baton.Durable.Storage;
using Baton.Durable.Storage.InMemory;
using Baton.Durable.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Durable.Tests.Telemetry;

public sealed class RunTraceTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public RunTraceTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DurableTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Run_AcrossAWorkerRestartAndAChild_HasOneTraceForEveryStepAndActivity()
    {
        var store = new InMemoryOrchestrationStore();
        static void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<string, string>("Shout", (_, s) => s.ToUpperInvariant())
            .AddOrchestratorFunc<string, string>("Child", (ctx, s) => ctx.CallActivityAsync<string>("Shout", s))
            .AddOrchestratorFunc<string, string>("Parent", async (ctx, s) =>
            {
                var child = await ctx.CallSubOrchestratorAsync<string>("Child", s, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"));
                var go = await ctx.WaitForExternalEvent<string>("go");
                return child + go + await ctx.CallActivityAsync<string>("Shout", "!");
            });

        string id;
        await using (var first = await StartAsync(Register, store))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Parent", "hi", new StartOrchestrationOptions($"trace-{Guid.NewGuid():N}"));
            await WaitUntilAsync(async () => (await first.Client.GetInstanceHistoryAsync(id))?.Any(e => e.EventType == HistoryEventType.SubOrchestrationInstanceCompleted) == true);
        }

        await using var second = await StartAsync(Register, store);
        await second.Client.RaiseEventAsync(id, "go", "-");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await second.Client.WaitForInstanceCompletionAsync(id, true, deadline.Token);

        Assert.Equal("HI-!", done.ReadOutputAs<string>());
        var runSpans = _spans.Where(s => s.GetTagItem("baton.instance_id") is string instance && instance.StartsWith(id, StringComparison.Ordinal)).ToList();
        Assert.Contains(runSpans, s => s.DisplayName == "orchestration Child");
        Assert.Equal(2, runSpans.Count(s => s.DisplayName == "activity Shout"));
        Assert.True(runSpans.Count(s => s.DisplayName == "orchestration Parent") >= 3);
        Assert.Single(runSpans.Select(s => s.TraceId).Distinct());
    }

    [Fact]
    public void NewRunTraceParent_FromAnUnsampledCaller_KeepsItsTraceIdAndIsSampled()
    {
        using var caller = new Activity("http request").SetIdFormat(ActivityIdFormat.W3C).Start();
        caller.ActivityTraceFlags = ActivityTraceFlags.None;

        var parent = ActivityContext.Parse(DurableTelemetry.NewRunTraceParent(), null);

        Assert.Equal(caller.TraceId, parent.TraceId);
        Assert.Equal(ActivityTraceFlags.Recorded, parent.TraceFlags);
    }

    public void Dispose() => _listener.Dispose();

    private static Task<DurableHost> StartAsync(Action<DurableTaskRegistry> register, IOrchestrationStore store) =>
        DurableHost.StartAsync(register, services => services.AddSingleton(store), configureWorker: o => o.ReceiveTimeout = TimeSpan.FromMilliseconds(200));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the child to finish.");
            await Task.Delay(10);
        }
    }
}
