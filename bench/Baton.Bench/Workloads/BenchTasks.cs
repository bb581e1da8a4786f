using Baton.Durable;

namespace Baton.Bench.Workloads;

/// <summary>The orchestrators and the trivial activity the workloads run.</summary>
internal static class BenchTasks
{
    public const string Noop = nameof(Noop);
    public const string Chain = nameof(Chain);
    public const string FanOut = nameof(FanOut);
    public const string ChainThenWait = nameof(ChainThenWait);
    public const string Sleep = nameof(Sleep);
    public const string Marked = nameof(Marked);
    public const string EventName = "go";

    public static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>(Noop, (_, n) => n)
        .AddOrchestratorFunc<int, int>(Chain, async (context, count) =>
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += await context.CallActivityAsync<int>(Noop, i);
            }

            return sum;
        })
        .AddOrchestratorFunc<int, int>(FanOut, async (context, count) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(Noop, i)));
            return results.Sum();
        })
        .AddOrchestratorFunc<int, string>(ChainThenWait, async (context, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                await context.CallActivityAsync<int>(Noop, i);
            }

            return await context.WaitForExternalEvent<string>(EventName);
        })
        .AddOrchestratorFunc<int, string>(Sleep, async (context, milliseconds) =>
        {
            var fireAt = context.CurrentUtcDateTime.AddMilliseconds(milliseconds);
            await context.CreateTimer(fireAt, CancellationToken.None);
            return fireAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        })
        .AddOrchestratorFunc<int, int>(Marked, (context, input) =>
        {
            if (!context.IsReplaying)
            {
                FirstExecution.Mark(context.InstanceId);
            }

            return Task.FromResult(input);
        });
}
