using Baton.Testing;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>
/// Declarative workflows written to a temporary folder, run on the in-memory engine with a fake clock, the offline
/// model, the built-in workflows and any test activities; each workflow is registered under its own name too.
/// </summary>
internal sealed class DeclarativeRunHost : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _folder;

    private DeclarativeRunHost(DurableHost host, FakeTimeProvider time, RecordingApprovalNotifier notifier, string folder)
    {
        Host = host;
        Notifier = notifier;
        Time = time;
        _folder = folder;
    }

    public DurableHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    /// <summary>The folder the workflow files are in.</summary>
    public string Folder => _folder;

    public FakeTimeProvider Time { get; }

    public RecordingApprovalNotifier Notifier { get; }

    public static async Task<DeclarativeRunHost> StartAsync(
        IReadOnlyDictionary<string, string> files,
        Action<DurableTaskRegistry>? register = null,
        Action<DeclarativeWorkflowOptions>? options = null,
        Action<IServiceCollection>? services = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "baton-yaml-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), text);
        }

        var notifier = new RecordingApprovalNotifier();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var host = await DurableHost.StartInMemoryAsync(
            registry =>
            {
                registry.AddBatonWorkflows().AddDeclarativeWorkflows(folder);
                register?.Invoke(registry);
            },
            collection =>
            {
                collection.AddSingleton<IApprovalNotifier>(notifier);
                collection.AddBatonWorkflows();
                collection.AddDeclarativeWorkflows(folder, options);
                services?.Invoke(collection);
            },
            time,
            worker =>
            {
                worker.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
                worker.MaxConcurrentActivityFunctions = 8;
                worker.MaxConcurrentOrchestratorFunctions = 4;
            });
        return new DeclarativeRunHost(host, time, notifier, folder);
    }

    public Task<OrchestrationMetadata> CompletionAsync(string instanceId)
        => Eventually.CompletionAsync(Client, instanceId, Deadline);

    /// <summary>Waits until the instance's history holds <paramref name="count"/> timers, then moves the clock by <paramref name="by"/>.</summary>
    public async Task AdvanceAfterTimerAsync(string instanceId, int count, TimeSpan by)
    {
        await WorkflowTestHost.EventuallyAsync(
            async () => await Client.GetInstanceHistoryAsync(instanceId) ?? [],
            history => history.Count(e => e.EventType == HistoryEventType.TimerCreated) >= count,
            $"{count} timer(s) in the history of {instanceId}");
        Time.Advance(by);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
