using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Http.Tests.Fakes;

/// <summary>An in-memory engine running one orchestration that asks for an approval and returns the decision, with its approvals ledger.</summary>
internal sealed class ApprovalTestHost : IAsyncDisposable
{
    public const string Orchestration = "ask";
    public const string Approver = "ann@example.com";
    public const string Draft = "Dear customer, the draft text.";

    private ApprovalTestHost(DurableHost host, InMemoryApprovalLedger ledger)
    {
        Host = host;
        Ledger = ledger;
    }

    public DurableHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    public InMemoryApprovalLedger Ledger { get; }

    public static async Task<ApprovalTestHost> StartAsync()
    {
        var ledger = new InMemoryApprovalLedger();
        var host = await DurableHost.StartInMemoryAsync(
            registry => registry
                .AddOrchestratorFunc<bool, ApprovalDecision>(Orchestration, async (context, allowEdits) =>
                {
                    var policy = new ApprovalPolicy(TimeSpan.FromDays(1));
                    var request = context.NewApprovalRequest("Send the contract", [Approver], policy) with { Details = Draft, Kind = "report", AllowEdits = allowEdits };
                    context.SetCustomStatus(new { state = "AwaitingApproval", step = "waiting for " + Approver });
                    return await context.RequestApprovalAsync(request, policy);
                })
                .AddAgentActivities(),
            services => services
                .AddSingleton<IApprovalNotifier, SilentNotifier>()
                .AddSingleton<IApprovalLedger>(ledger)
                .AddBatonAgents(),
            configureWorker: w => w.ReceiveTimeout = TimeSpan.FromMilliseconds(200));
        return new ApprovalTestHost(host, ledger);
    }

    public ApprovalDecider Decider(DurableTaskClient? client = null, Action<ApprovalDeciderOptions>? configure = null)
    {
        var options = new ApprovalDeciderOptions();
        configure?.Invoke(options);
        return new ApprovalDecider(Ledger, client ?? Client, options: Microsoft.Extensions.Options.Options.Create(options));
    }

    /// <summary>Starts a run and waits until its approval request is in the ledger; returns the instance id and event name.</summary>
    public async Task<(string InstanceId, string EventName)> StartWaitingAsync(bool allowEdits = false)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(Orchestration, allowEdits);
        var records = await Baton.Testing.Eventually.UntilAsync(
            () => Ledger.ListAsync(new ApprovalLedgerQuery([ApprovalStatus.Pending], id)),
            r => r.Count > 0,
            "the run to ask for approval",
            TimeSpan.FromSeconds(30));
        return (id, records[0].EventName);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private sealed class SilentNotifier : IApprovalNotifier
    {
        public Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
