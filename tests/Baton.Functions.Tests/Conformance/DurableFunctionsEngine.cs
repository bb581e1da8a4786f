using System.Net;
using System.Net.Sockets;
using Baton.Workflows.Hosting;
using Baton.Workflows.Tests.Fakes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// The Functions app on Microsoft's own Durable engine: durabletask-dotnet's worker and client over the in-process
/// sidecar of <see cref="DurableTaskTestHost"/>, with every orchestrator and activity function of the app registered
/// from its function classes, the app's container (<c>AddBatonFunctionsApp</c>), the extension's context wrapper and
/// its data converter. Replay, timers, external events, retries and sub-orchestrations are Durable's.
/// </summary>
internal sealed class DurableFunctionsEngine : IConformanceEngine
{
    private readonly DurableTaskTestHost _host;

    private DurableFunctionsEngine(DurableTaskTestHost host, RecordingApprovalNotifier notifier)
    {
        _host = host;
        Notifier = notifier;
    }

    public RecordingApprovalNotifier Notifier { get; }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public static async Task<DurableFunctionsEngine> StartAsync(ConformanceScenario scenario)
    {
        var notifier = new RecordingApprovalNotifier();
        var configuration = ConformanceServices.Configuration(scenario);
        var converter = FunctionsWorkerParts.DataConverter();
        DurableTaskTestHost? host = null;
        host = await DurableTaskTestHost.StartAsync(
            registry => AppFunctions.Register(registry, () => host!.Services, scenario.AppReferences),
            new DurableTaskTestHostOptions
            {
                Port = FreePort(),
                ConfigureServices = services =>
                {
                    ConformanceServices.AddStores(services, configuration);
                    services.AddBatonFunctionsApp(configuration, ConformanceServices.WorkflowsFolder, scenario.Baton);
                    // The referenced assemblies' functions, registered below as the app's build would have them.
                    services.AddSingleton(AppFunctions.Names(scenario.AppReferences));
                    ConformanceServices.AddOverrides(services, scenario, notifier);

                    // What the Durable extension's start-up does: the worker's serializer is Durable's data converter.
                    services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
                    services.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
                },
            });
        return new DurableFunctionsEngine(host, notifier);
    }

    public Task StartAsync(string orchestrator, object? input, string instanceId) =>
        _host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, Runner.ToElement(input), new Df.StartOrchestrationOptions(instanceId));

    public Task RaiseEventAsync(string instanceId, string eventName, object payload) =>
        _host.Client.RaiseEventAsync(instanceId, eventName, Runner.ToElement(payload));

    public async Task<ConformanceRun?> FinishedAsync(string instanceId)
    {
        var metadata = await _host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (metadata is null || !metadata.IsCompleted)
        {
            return null;
        }

        var failure = metadata.FailureDetails is { } f ? $"{f.ErrorType}: {f.ErrorMessage}" : null;
        return new ConformanceRun(metadata.RuntimeStatus.ToString(), metadata.SerializedOutput, metadata.SerializedCustomStatus, failure, ModelCalls);
    }

    private RegisteredTaskRunner Runner => _host.Services.GetRequiredService<RegisteredTaskRunner>();

    private int ModelCalls => ((ConformanceChatClients)_host.Services.GetRequiredService<Baton.Agents.IChatClientProvider>()).Calls;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
