using Df = Microsoft.DurableTask;

namespace Baton.Functions.Adapter;

/// <summary>
/// Baton's retry options as Durable retry handlers: the decision is Baton's (<see cref="Baton.Durable.RetryPolicy.TryGetNextDelay"/>
/// or the Baton handler) and the wait is a Durable timer, so the retry-after hint works on Azure Functions too.
/// </summary>
internal static class FunctionsRetry
{
    public static Df.TaskOptions? ToTaskOptions(FunctionsOrchestrationContext context, Baton.Durable.TaskOptions? options) =>
        options?.Retry is { } retry ? new Df.TaskOptions(ToRetryOptions(context, retry)) : null;

    public static Df.SubOrchestrationOptions? ToSubOrchestrationOptions(FunctionsOrchestrationContext context, Baton.Durable.TaskOptions? options) =>
        options is null ? null : new Df.SubOrchestrationOptions(options.Retry is { } retry ? ToRetryOptions(context, retry) : null, (options as Baton.Durable.SubOrchestrationOptions)?.InstanceId);

    private static Df.TaskRetryOptions ToRetryOptions(FunctionsOrchestrationContext context, Baton.Durable.TaskRetryOptions retry) =>
        Df.TaskRetryOptions.FromRetryHandler(async attempt =>
        {
            var failure = FunctionsFailures.ToBaton(attempt.LastFailure);
            if (retry.Policy is { } policy)
            {
                if (!policy.TryGetNextDelay(attempt.LastAttemptNumber, failure, attempt.TotalRetryTime, out var delay))
                {
                    return false;
                }

                await context.Inner.CreateTimer(delay, attempt.CancellationToken);
                return true;
            }

            return await retry.Handler!(new Baton.Durable.RetryContext(context, attempt.LastAttemptNumber, failure, attempt.TotalRetryTime, attempt.CancellationToken));
        });
}
