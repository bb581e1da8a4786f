using System.Net;
using System.Net.Sockets;
using Baton.Functions.Adapter;
using Microsoft.DurableTask.Testing;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Tests.Conformance;

/// <summary>Failures as Durable's own engine reports them, read through the adapter as Baton's failure details.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class DurableFailureTests
{
    [Fact]
    public async Task NonDeterministicReplay_OnDurable_IsCausedByBatonsNonDeterministicOrchestrationException()
    {
        // The first execution schedules "first"; its replay asks for "second" instead: Durable's replay must refuse it.
        var executions = 0;
        await using var host = await DurableTaskTestHost.StartAsync(
            registry => registry
                .AddOrchestratorFunc<object?, string>("drifting", async (context, _) =>
                {
                    var activity = Interlocked.Increment(ref executions) == 1 ? "first" : "second";
                    return await context.CallActivityAsync<string>(activity);
                })
                .AddActivityFunc<object?, string>("first", (_, _) => "one")
                .AddActivityFunc<object?, string>("second", (_, _) => "two"),
            new DurableTaskTestHostOptions { Port = FreePort() });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("drifting");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var metadata = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);

        Assert.Equal(Df.Client.OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        var failure = FunctionsFailures.ToBaton(metadata.FailureDetails!);
        Assert.True(failure.IsCausedBy<Baton.Durable.NonDeterministicOrchestrationException>(), $"{failure.ErrorType}: {failure.ErrorMessage}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
