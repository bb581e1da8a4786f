using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Durable.AzureStorage;
using Baton.Durable.Storage;
using Baton.Testing;
using Baton.Workflows.Tests.Declarative;
using Baton.Workflows.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.Azurite;

/// <summary>
/// research-report and parallel-review (in C# and as YAML twins) end to end on the Azure Storage store over a real
/// Azurite: tables, queues and blobs, the offline model, real time.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Approver = "maria@example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly RecordingApprovalNotifier _notifier = new();
    private AzureStorageOrchestrationStore? _store;
    private DurableHost? _host;

    private DurableHost Host => _host!;

    public async Task InitializeAsync()
    {
        _store = new AzureStorageOrchestrationStore(new AzureStorageOrchestrationStoreOptions
        {
            ConnectionString = azurite.ConnectionString,
            HubName = AzuriteFixture.NewHubName("W"),
            PartitionCount = 2,
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            LeaseAcquireInterval = TimeSpan.FromMilliseconds(200),
        });
        await _store.CreateIfNotExistsAsync();
        var sources = new InMemoryDocumentStore();
        await sources.WriteAsync(
            "sources/pricing/2025-q3-competitors.md",
            "Competitor pricing in Q3. Northwind raised its enterprise plan price by 12 percent in July. " +
            "Contoso introduced a free tier limited to three users.");
        _host = await DurableHost.StartAsync(
            registry => registry.AddBatonWorkflows().AddDeclarativeWorkflows(DeclarativeFiles.RepositoryFolder),
            services =>
            {
                services.AddSingleton<IOrchestrationStore>(_store);
                services.AddSingleton<IApprovalNotifier>(_notifier);
                services.AddSingleton<IDocumentStore>(sources);
                services.AddBatonWorkflows();
                services.AddDeclarativeWorkflows(DeclarativeFiles.RepositoryFolder);
            },
            configureWorker: worker =>
            {
                worker.ReceiveTimeout = TimeSpan.FromMilliseconds(500);
                worker.ShutdownGracePeriod = TimeSpan.FromMilliseconds(200);
            });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task ResearchReport_Approved_PublishesOnAzureStorage()
    {
        var id = await Host.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, new ResearchReportInput("Competitor pricing changes in Q3", [Approver]));

        var requested = await NotificationAsync(1);
        await Host.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, null, DateTime.UtcNow));
        var done = await CompletionAsync(id);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        var output = done.ReadOutputAs<ResearchReportOutput>()!;
        Assert.Equal(ReportOutcome.Published, output.Outcome);
        Assert.Equal(output.Markdown, await Host.Services.GetRequiredService<ReportStore>().Documents.ReadAsync(output.Location!["reports/".Length..]));
        var history = await Host.Client.GetInstanceHistoryAsync(id) ?? [];
        Assert.Contains(history, e => e.EventType == HistoryEventType.EventRaised);
        Assert.Equal("Completed", done.ReadCustomStatusAs<WorkflowStatus>()!.State);
    }

    [Fact]
    public async Task ResearchReportTwin_Approved_GivesTheCSharpWorkflowsReportOnAzureStorage()
    {
        const string topic = "Competitor pricing changes in Q3";
        var csharpId = await Host.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, new ResearchReportInput(topic, [Approver]));
        await Host.Client.RaiseEventAsync(csharpId, (await NotificationAsync(1)).Request.EventName, new ApprovalDecision(true, Approver, null, DateTime.UtcNow));
        var yamlId = await Host.Client.ScheduleNewOrchestrationInstanceAsync("research-report-yaml", new { topic, approvers = new[] { Approver } });
        await Host.Client.RaiseEventAsync(yamlId, (await NotificationAsync(2)).Request.EventName, new ApprovalDecision(true, Approver, null, DateTime.UtcNow));

        var csharp = (await CompletionAsync(csharpId)).ReadOutputAs<ResearchReportOutput>()!;
        var yamlDone = await CompletionAsync(yamlId);

        Assert.True(yamlDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, yamlDone.FailureDetails?.ErrorMessage);
        var yaml = yamlDone.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output;
        Assert.Equal(csharp.Markdown, yaml.GetProperty("markdown").GetString());
        Assert.True(yaml.GetProperty("published").GetBoolean());
    }

    [Fact]
    public async Task ParallelReview_AndItsYamlTwin_GiveTheSameMergedReviewOnAzureStorage()
    {
        var input = new ParallelReviewInput("MSA with Northwind", "Master services agreement. Liability is unlimited for both parties. Fees are payable in advance.");

        var csharpId = await Host.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, input);
        var yamlId = await Host.Client.ScheduleNewOrchestrationInstanceAsync("parallel-review-yaml", input);
        var csharpDone = await CompletionAsync(csharpId);
        var yamlDone = await CompletionAsync(yamlId);

        Assert.True(csharpDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, csharpDone.FailureDetails?.ErrorMessage);
        Assert.True(yamlDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, yamlDone.FailureDetails?.ErrorMessage);
        var csharp = csharpDone.ReadOutputAs<ParallelReviewOutput>()!;
        Assert.Equal(WorkflowAgentNames.DefaultReviewers, csharp.Verdicts.Select(v => v.Reviewer));
        Assert.Empty(csharp.Failed);
        var yaml = yamlDone.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output;
        Assert.Equal(JsonSerializer.Serialize(csharp.Review, StructuredOutputValidator.SerializerOptions), yaml.GetProperty("review").GetRawText());
    }

    private async Task<OrchestrationMetadata> CompletionAsync(string id)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            var status = await Host.Client.GetInstanceAsync(id, true);
            throw new TimeoutException($"Instance {id} did not finish; it is {status?.RuntimeStatus} with status {status?.SerializedCustomStatus}.");
        }
    }

    private async Task<ApprovalNotification> NotificationAsync(int count)
    {
        var found = await WorkflowTestHost.EventuallyAsync(
            () => Task.FromResult(_notifier.Notifications.Where(n => n.Kind == ApprovalNotificationKind.Requested).ToList()),
            list => list.Count >= count,
            $"{count} approval request(s)");
        return found[count - 1];
    }
}
