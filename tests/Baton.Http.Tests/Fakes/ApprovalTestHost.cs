using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Http.Tests.Fakes;

/// <summary>An in-memory engine running one orchestration that asks for an approval and returns the decision.</summary>
internal sealed class ApprovalTestHost : IAsyncDisposable
{
    public const string Orchestration = "ask";
    public const string Approver = "ann@example.com";

    private ApprovalTestHost(DurableHost host) => Host = host;

    public DurableHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    public static async Task<ApprovalTestHost> StartAsync() =>
        new(await DurableHost.StartInMemoryAsync(
            registry => registry
                .AddOrchestratorFunc<string?, ApprovalDecision>(Orchestration, async (context, _) =>
                {
                    var policy = new ApprovalPolicy(TimeSpan.FromDays(1));
                    var request = context.NewApprovalRequest("Send the contract", [Approver], policy) with { Details = "Dear customer, the draft text.", Kind = "report" };
                    context.SetCustomStatus(new { state = "AwaitingApproval", step = "waiting for " + Approver });
                    var decision = await context.RequestApprovalAsync(request, policy);
                    return decision;
                })
                .AddActivity<NotifyApproversActivity>(),
            services => services.AddSingleton<IApprovalNotifier, SilentNotifier>(),
            configureWorker: w => w.ReceiveTimeout = TimeSpan.FromMilliseconds(200)));

    /// <summary>Starts a run and waits until its approval request is in the history; returns the instance id and event name.</summary>
    public async Task<(string InstanceId, string EventName)> StartWaitingAsync()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(Orchestration, "x");
        var reader = new ApprovalHistoryReader(Client);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var pending = await reader.PendingAsync(DateTimeOffset.UtcNow);
            if (pending.FirstOrDefault(p => p.InstanceId == id) is { } found)
            {
                return (id, found.EventName);
            }

            Assert.True(DateTime.UtcNow < until, "The run did not ask for approval in time.");
            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private sealed class SilentNotifier : IApprovalNotifier
    {
        public Task NotifyAsync(ApprovalNotification notification, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
