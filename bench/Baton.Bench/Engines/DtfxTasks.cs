using Baton.Bench.Workloads;
using DurableTask.Core;

namespace Baton.Bench.Engines;

/// <summary>
/// <see cref="BenchTasks"/> written for the Durable Task Framework: the same orchestrations under the same names, the
/// same trivial activity.
/// </summary>
internal static class DtfxTasks
{
    public static void Register(TaskHubWorker worker)
    {
        worker.AddTaskOrchestrations(
            new Creator<TaskOrchestration>(BenchTasks.Chain, () => new Chain()),
            new Creator<TaskOrchestration>(BenchTasks.FanOut, () => new FanOut()),
            new Creator<TaskOrchestration>(BenchTasks.ChainThenWait, () => new ChainThenWait()),
            new Creator<TaskOrchestration>(BenchTasks.Sleep, () => new Sleep()),
            new Creator<TaskOrchestration>(BenchTasks.Marked, () => new Marked()));
        worker.AddTaskActivities(new Creator<TaskActivity>(BenchTasks.Noop, () => new Noop()));
    }

    /// <summary>Creates a new object per execution under a fixed name, version "".</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            _create = create;
        }

        public override T Create() => _create();
    }

    private sealed class Noop : TaskActivity<int, int>
    {
        protected override int Execute(TaskContext context, int input) => input;
    }

    private sealed class Chain : TaskOrchestration<int, int>
    {
        public override async Task<int> RunTask(OrchestrationContext context, int input)
        {
            var sum = 0;
            for (var i = 0; i < input; i++)
            {
                sum += await context.ScheduleTask<int>(BenchTasks.Noop, "", i);
            }

            return sum;
        }
    }

    private sealed class FanOut : TaskOrchestration<int, int>
    {
        public override async Task<int> RunTask(OrchestrationContext context, int input)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.ScheduleTask<int>(BenchTasks.Noop, "", i)));
            return results.Sum();
        }
    }

    private sealed class ChainThenWait : TaskOrchestration<string, int, string, string>
    {
        private readonly TaskCompletionSource<string> _event = new();

        public override async Task<string> RunTask(OrchestrationContext context, int input)
        {
            for (var i = 0; i < input; i++)
            {
                await context.ScheduleTask<int>(BenchTasks.Noop, "", i);
            }

            return await _event.Task;
        }

        public override void OnEvent(OrchestrationContext context, string name, string input)
        {
            if (name == BenchTasks.EventName)
            {
                _event.TrySetResult(input);
            }
        }
    }

    private sealed class Sleep : TaskOrchestration<string, int>
    {
        public override async Task<string> RunTask(OrchestrationContext context, int input)
        {
            var fireAt = context.CurrentUtcDateTime.AddMilliseconds(input);
            await context.CreateTimer(fireAt, "");
            return fireAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private sealed class Marked : TaskOrchestration<int, int>
    {
        public override Task<int> RunTask(OrchestrationContext context, int input)
        {
            if (!context.IsReplaying)
            {
                FirstExecution.Mark(context.OrchestrationInstance.InstanceId);
            }

            return Task.FromResult(input);
        }
    }
}
