using Baton.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.EndToEnd;

/// <summary>Baton's real replay engine on an in-memory store, with agents registered, and waits with a deadline.</summary>
internal static class AgentEngine
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Starts an engine whose services have the agents, the agent activities and the orchestrations.</summary>
    public static Task<DurableHost> StartAsync(
        Action<DurableTaskRegistry> orchestrations,
        Action<AgentsBuilder> agents,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        IApprovalNotifier? notifier = null) =>
        DurableHost.StartInMemoryAsync(
            registry =>
            {
                registry.AddAgentActivities();
                orchestrations(registry);
            },
            services =>
            {
                services.AddLogging();
                if (settings is not null)
                {
                    services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
                }

                if (notifier is not null)
                {
                    services.AddSingleton(notifier);
                }

                services.AddBatonAgents(agents);
            },
            time,
            worker =>
            {
                worker.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
                worker.MaxConcurrentOrchestratorFunctions = 2;
                worker.MaxConcurrentActivityFunctions = 4;
            });

    /// <summary>Waits for the instance to finish, failing at the deadline with its status.</summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(DurableHost host, string instanceId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            var status = await host.Client.GetInstanceAsync(instanceId, true);
            throw new TimeoutException($"Instance {instanceId} did not finish within {Deadline}; it is {status?.RuntimeStatus} ({status?.SerializedCustomStatus}).");
        }
    }

    /// <summary>Waits until the instance's history satisfies <paramref name="done"/>, failing at the deadline.</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(DurableHost host, string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> done, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var history = await host.Client.GetInstanceHistoryAsync(instanceId) ?? [];
            if (done(history))
            {
                return history;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what} in the history of {instanceId}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The activities of one name that the history says were scheduled.</summary>
    public static int Scheduled(IReadOnlyList<HistoryEvent> history, string activityName) =>
        history.Count(e => e.EventType == HistoryEventType.TaskScheduled && e.Name == activityName);

    /// <summary>How many times the history says a step began, i.e. how often the orchestration was replayed from it.</summary>
    public static int Steps(IReadOnlyList<HistoryEvent> history) =>
        history.Count(e => e.EventType == HistoryEventType.OrchestratorStarted);
}
