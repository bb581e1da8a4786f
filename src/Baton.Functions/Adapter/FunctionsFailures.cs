using Baton.Workflows.Hosting;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Adapter;

/// <summary>Durable Functions failures as Baton's; the encoded details of Baton activities win where present.</summary>
internal static class FunctionsFailures
{
    public static Baton.Durable.TaskFailureDetails ToBaton(Df.TaskFailureDetails failure) =>
        DurableFailureCodec.FromHostFailure(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is null ? null : ToBaton(failure.InnerFailure));

    public static Baton.Durable.TaskFailedException ToBaton(string taskName, int taskId, Df.TaskFailureDetails failure) =>
        new(taskName, taskId, ToBaton(failure));
}
