using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Durable.Tests;

public sealed class ReplaySafeLoggerTests
{
    [Fact]
    public async Task CreateReplaySafeLogger_ManyReplays_LogsEachLineOnce()
    {
        var logs = new CapturedLogs();
        await using var host = await DurableHost.StartInMemoryAsync(
            r => r
                .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
                .AddOrchestratorFunc<int, int>("Logged", async (ctx, n) =>
                {
                    var log = ctx.CreateReplaySafeLogger("Workflow");
                    for (var i = 0; i < 5; i++)
                    {
                        log.LogInformation("step {Step}", i);
                        n = await ctx.CallActivityAsync<int>("Inc", n);
                    }

                    log.LogInformation("done");
                    return n;
                }),
            services => services.AddLogging(b => b.AddProvider(logs)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Logged", 0);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, deadline.Token);

        Assert.Equal(5, done.ReadOutputAs<int>());
        Assert.Equal(["step 0", "step 1", "step 2", "step 3", "step 4", "done"], logs.Entries.Where(e => e.Category == "Workflow").Select(e => e.Message));
    }
}
