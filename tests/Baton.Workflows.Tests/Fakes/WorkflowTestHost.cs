using Baton.Testing;
using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Workflows.Tests.Fakes;

/// <summary>
/// The workflows on the in-memory engine with the offline model and a fake clock, plus a few source documents, a
/// recording approval notifier and waits with a deadline (never on timing).
/// </summary>
internal sealed class WorkflowTestHost : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private WorkflowTestHost(DurableHost host, FakeTimeProvider time, RecordingApprovalNotifier notifier, InMemoryDocumentStore sources)
    {
        Host = host;
        Time = time;
        Notifier = notifier;
        Sources = sources;
    }

    public DurableHost Host { get; }

    public DurableTaskClient Client => Host.Client;

    public FakeTimeProvider Time { get; }

    public RecordingApprovalNotifier Notifier { get; }

    public InMemoryDocumentStore Sources { get; }

    public ReportStore Reports => Host.Services.GetRequiredService<ReportStore>();

    public static async Task<WorkflowTestHost> StartAsync(Action<AgentsBuilder>? agents = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var notifier = new RecordingApprovalNotifier();
        var sources = new InMemoryDocumentStore();
        await Seed(sources);
        var host = await DurableHost.StartInMemoryAsync(
            registry => registry.AddBatonWorkflows(),
            services =>
            {
                services.AddSingleton<IApprovalNotifier>(notifier);
                services.AddSingleton<IDocumentStore>(sources);
                services.AddBatonWorkflows();
                if (agents is not null)
                {
                    services.AddBatonAgents(agents);
                }
            },
            time,
            worker =>
            {
                worker.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
                worker.MaxConcurrentActivityFunctions = 8;
                worker.MaxConcurrentOrchestratorFunctions = 4;
            });
        return new WorkflowTestHost(host, time, notifier, sources);
    }

    public Task<OrchestrationMetadata> CompletionAsync(string instanceId)
        => Eventually.CompletionAsync(Client, instanceId, Deadline);

    /// <summary>Waits until <paramref name="count"/> notifications of <paramref name="kind"/> were sent; returns the last.</summary>
    public async Task<ApprovalNotification> NotificationAsync(ApprovalNotificationKind kind, int count = 1)
    {
        var found = await EventuallyAsync(
            () => Task.FromResult(Notifier.Notifications.Where(n => n.Kind == kind).ToList()),
            list => list.Count >= count,
            $"{count} {kind} notification(s)");
        return found[count - 1];
    }

    /// <summary>Waits until the instance's history holds at least <paramref name="count"/> events of a type.</summary>
    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string instanceId, HistoryEventType type, int count) =>
        EventuallyAsync(
            async () => await Client.GetInstanceHistoryAsync(instanceId) ?? [],
            history => history.Count(e => e.EventType == type) >= count,
            $"{count} {type} event(s) in the history of {instanceId}");

    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
        => Eventually.UntilAsync(read, done, what, Deadline);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static async Task Seed(InMemoryDocumentStore sources)
    {
        await sources.WriteAsync(
            "sources/pricing/2025-q3-competitors.md",
            "Competitor pricing in Q3. Northwind raised its enterprise plan price by 12 percent in July. " +
            "Contoso introduced a free tier limited to three users. Fabrikam kept prices flat but dropped annual discounts.");
        await sources.WriteAsync(
            "sources/pricing/customer-interviews.md",
            "Customer interviews on pricing. Eight of twelve customers said annual discounts drive their renewal decision. " +
            "Two customers moved to Contoso after the free tier launched.");
        await sources.WriteAsync(
            "sources/support/kb-checkout-errors.md",
            "# Known issue: checkout returns HTTP 500\n\nCheckout returns HTTP 500 errors when the payment provider's webhook secret has expired. " +
            "The fix is to rotate the webhook secret in Settings, Payments, and then retry the failed orders.");
        await sources.WriteAsync(
            "sources/product/roadmap.md",
            "Product roadmap. Usage-based pricing is planned for the second half of the year, pending finance review.");
    }
}
