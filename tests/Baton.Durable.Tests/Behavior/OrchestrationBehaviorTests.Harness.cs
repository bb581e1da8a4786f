using Baton.Testing;
using Baton.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Durable.Tests.Behavior;

/// <summary>
/// The engine's behaviour suite, written once and run against every store: derive from it and supply the store.
/// With a fake clock, durable time is advanced by the test; with a real clock (a store whose delays are real),
/// <see cref="Unit"/> is short and advancing time just lets it pass.
/// </summary>
public abstract partial class OrchestrationBehaviorTests : IAsyncLifetime
{
    private readonly List<DurableHost> _hosts = [];

    /// <summary>Creates a fresh, empty store (a new task hub) on the given clock.</summary>
    protected abstract Task<IOrchestrationStore> CreateStoreAsync(TimeProvider timeProvider);

    /// <summary>True when the store's delayed messages follow a fake clock that tests advance.</summary>
    protected abstract bool UsesFakeTime { get; }

    /// <summary>How long to wait for an outcome before a test fails.</summary>
    protected virtual TimeSpan Deadline => TimeSpan.FromSeconds(30);

    /// <summary>The durable time unit tests use for timers and retries.</summary>
    protected TimeSpan Unit => UsesFakeTime ? TimeSpan.FromMinutes(1) : TimeSpan.FromMilliseconds(500);

    /// <summary>The clock the engine runs on.</summary>
    protected TimeProvider Time { get; private set; } = TimeProvider.System;

    /// <summary>The engine's and the store's log lines (information and above), shown when a wait times out.</summary>
    protected CapturedLogs Logs { get; } = new(LogLevel.Information);

    /// <summary>The store of the most recently started host.</summary>
    protected IOrchestrationStore Store { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Time = UsesFakeTime ? new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero)) : TimeProvider.System;
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Starts a worker and client on a new store (or on <paramref name="store"/>).</summary>
    protected async Task<DurableHost> StartAsync(Action<DurableTaskRegistry> register, IOrchestrationStore? store = null, Action<Baton.Durable.Dispatching.DurableWorkerOptions>? worker = null)
    {
        Store = store ?? await CreateStoreAsync(Time);
        var captured = Store;
        var host = await DurableHost.StartAsync(
            register,
            services => services.AddSingleton(captured).AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(Logs)),
            Time,
            options =>
            {
                options.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
                options.MaxConcurrentActivityFunctions = 8;
                options.MaxConcurrentOrchestratorFunctions = 4;
                worker?.Invoke(options);
            });
        _hosts.Add(host);
        return host;
    }

    /// <summary>Moves durable time forward (fake clock), or lets it pass (real clock).</summary>
    protected void Advance(TimeSpan by)
    {
        if (Time is FakeTimeProvider fake)
        {
            fake.Advance(by);
        }
    }

    /// <summary>Waits for the instance to finish, failing the test at the deadline.</summary>
    protected async Task<OrchestrationMetadata> CompletionAsync(DurableHost host, string instanceId)
    {
        try
        {
            return await Eventually.CompletionAsync(host.Client, instanceId, Deadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + "Log:" + Environment.NewLine + Logs.Tail(), e);
        }
    }

    /// <summary>Waits until the instance's history holds at least <paramref name="count"/> events of a type.</summary>
    protected async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(DurableHost host, string instanceId, HistoryEventType type, int count = 1)
    {
        return await EventuallyAsync(
            async () => await host.Client.GetInstanceHistoryAsync(instanceId) ?? [],
            history => history.Count(e => e.EventType == type) >= count,
            $"{count} {type} event(s) in the history of {instanceId}");
    }

    /// <summary>Waits until the instance has the status.</summary>
    protected async Task<OrchestrationMetadata> StatusAsync(DurableHost host, string instanceId, OrchestrationRuntimeStatus status)
    {
        return (await EventuallyAsync(
            () => host.Client.GetInstanceAsync(instanceId, true),
            s => s?.RuntimeStatus == status,
            $"instance {instanceId} to be {status}"))!;
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds, failing at the deadline.</summary>
    protected async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        try
        {
            return await Eventually.UntilAsync(read, done, what, Deadline);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + "Log:" + Environment.NewLine + Logs.Tail(), e);
        }
    }
}
