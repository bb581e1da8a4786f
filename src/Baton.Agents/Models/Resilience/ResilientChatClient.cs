using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Baton.Agents;

/// <summary>
/// Wraps a provider's chat client: waits for the deployment's rate limiter before each attempt, retries transient
/// failures with exponential back-off and jitter (honouring retry-after-ms / Retry-After) on a
/// <see cref="TimeProvider"/>, limits each attempt's time, and turns what still fails into
/// <see cref="ModelCallException"/>. The provider SDK's own retries are off, so this is the only retry loop.
/// </summary>
internal sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ModelEndpoint _endpoint;
    private readonly ModelOptions _options;
    private readonly DeploymentRateLimiter? _limiter;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;

    public ResilientChatClient(IChatClient inner, ModelEndpoint endpoint, ModelOptions options, DeploymentRateLimiter? limiter, TimeProvider time, ILogger logger)
        : base(inner)
    {
        _endpoint = endpoint;
        _options = options;
        _limiter = limiter;
        _time = time;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialRetryDelay,
                MaxDelay = options.MaxRetryDelay > options.MaxInActivityRetryAfter ? options.MaxRetryDelay : options.MaxInActivityRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && ShouldRetry(e)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e ? TransientFailure.RetryAfterOf(e, _time.GetUtcNow()) : null),
                OnRetry = args =>
                {
                    Log.ModelCallRetrying(logger, _endpoint.ToString(), args.AttemptNumber + 1, args.RetryDelay, TransientFailure.StatusOf(args.Outcome.Exception!));
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        _pipeline = builder.Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        var estimate = TokenCounter.CountMessages(list) + (options?.MaxOutputTokens ?? _options.ExpectedOutputTokens);
        var attempts = 0;
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    if (_limiter is not null)
                    {
                        await _limiter.AcquireAsync(estimate, token);
                    }

                    attempts++;
                    return await base.GetResponseAsync(list, options, token);
                },
                cancellationToken);
            _limiter?.Reconcile(estimate, response.Usage?.TotalTokenCount ?? estimate);
            return response;
        }
        catch (Exception e) when (e is not ModelCallException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new ModelCallException(
                _endpoint,
                TransientFailure.StatusOf(e),
                TransientFailure.RequestIdOf(e),
                TransientFailure.IsTransient(e),
                TransientFailure.RetryAfterOf(e, _time.GetUtcNow()),
                attempts,
                e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Streams are not retried: a half-delivered stream cannot be replayed transparently.
        var list = messages as IList<ChatMessage> ?? [.. messages];
        if (_limiter is not null)
        {
            await _limiter.AcquireAsync(TokenCounter.CountMessages(list) + (options?.MaxOutputTokens ?? _options.ExpectedOutputTokens), cancellationToken);
        }

        await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken))
        {
            yield return update;
        }
    }

    private bool ShouldRetry(Exception exception)
    {
        if (!TransientFailure.IsTransient(exception))
        {
            return false;
        }

        // A long retry-after is better waited on a durable timer by the orchestration than here.
        var hint = TransientFailure.RetryAfterOf(exception, _time.GetUtcNow());
        return hint is null || hint <= _options.MaxInActivityRetryAfter;
    }
}
