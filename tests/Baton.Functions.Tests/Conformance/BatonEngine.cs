using Baton.Agents;
using Baton.Durable;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// The same catalog on Baton's own engine (in-memory store, real clock), registered as the local host registers it,
/// with the same settings, documents, stores and model clients as <see cref="DurableFunctionsEngine"/>.
/// </summary>
internal sealed class BatonEngine : IConformanceEngine
{
    private readonly DurableHost _host;

    private BatonEngine(DurableHost host, RecordingApprovalNotifier notifier)
    {
        _host = host;
        Notifier = notifier;
    }

    public RecordingApprovalNotifier Notifier { get; }

    public WorkflowCatalog Catalog => _host.Services.GetRequiredService<WorkflowCatalog>();

    public IServiceProvider Services => _host.Services;

    public static async Task<BatonEngine> StartAsync(ConformanceScenario scenario)
    {
        var notifier = new RecordingApprovalNotifier();
        var configuration = ConformanceServices.Configuration(scenario);
        var host = await DurableHost.StartInMemoryAsync(
            registry => registry.AddBatonWorkflows(),
            services =>
            {
                ConformanceServices.AddStores(services, configuration);
                services.AddLogging();
                services.AddBaton(scenario.Baton);
                services.AddDeclarativeWorkflows(ConformanceServices.WorkflowsFolder);
                ConformanceServices.AddOverrides(services, scenario, notifier);
            },
            configureWorker: worker => worker.ReceiveTimeout = TimeSpan.FromMilliseconds(200));
        return new BatonEngine(host, notifier);
    }

    public Task StartAsync(string orchestrator, object? input, string instanceId) =>
        _host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));

    public Task RaiseEventAsync(string instanceId, string eventName, object payload) =>
        _host.Client.RaiseEventAsync(instanceId, eventName, payload);

    public async Task<ConformanceRun?> FinishedAsync(string instanceId)
    {
        var metadata = await _host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (metadata is null || !metadata.IsCompleted)
        {
            return null;
        }

        var failure = metadata.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null;
        var calls = ((ConformanceChatClients)_host.Services.GetRequiredService<IChatClientProvider>()).Calls;
        return new ConformanceRun(metadata.RuntimeStatus.ToString(), metadata.SerializedOutput, metadata.SerializedCustomStatus, failure, calls);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
