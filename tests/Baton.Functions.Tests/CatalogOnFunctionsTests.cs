using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Functions.Functions;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Tests;

/// <summary>
/// A catalog workflow run by its orchestrator function on Durable Functions' context, with every activity executed
/// through the app's own activity runner, on the offline model: the app's container, the adapter and the workflow
/// together, as Durable Functions would drive them (without replay).
/// </summary>
public sealed class CatalogOnFunctionsTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, JsonDataConverter.Default.Options);

    [Fact]
    public async Task ResearchReport_ApprovedOnFunctions_PublishesTheReportMarkedOffline()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Baton:Approvals:SigningKey"] = "a-signing-key-of-at-least-thirty-two-bytes!",
            ["Baton:Approvals:OutboxEnabled"] = "false",
        }).Build();
        var reports = new InMemoryDocumentStore();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSingleton(new ReportStore(reports));
        services.AddSingleton<IDocumentStore>(new InMemoryDocumentStore());
        services.AddBatonFunctionsApp(configuration, Path.Combine(AppContext.BaseDirectory, "workflows"));
        services.AddSingleton<IApprovalLedger>(new InMemoryApprovalLedger()); // no table service here: the ledger in memory
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<RegisteredTaskRunner>();

        var activities = new List<string>();
        var context = new Mock<Df.TaskOrchestrationContext> { CallBase = true };
        context.SetupGet(c => c.InstanceId).Returns("run-1");
        context.SetupGet(c => c.Name).Returns(new Df.TaskName(WorkflowNames.ResearchReport));
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.NewGuid()).Returns(() => Guid.NewGuid());
        context.Setup(c => c.GetInput<JsonElement?>()).Returns(Json(new ResearchReportInput("Competitor pricing", ["ann@example.com"])));
        context.Setup(c => c.CallActivityAsync<JsonElement?>(It.IsAny<Df.TaskName>(), It.IsAny<object?>(), It.IsAny<Df.TaskOptions?>()))
            .Returns((Df.TaskName name, object? input, Df.TaskOptions? _) =>
            {
                activities.Add(name.Name);
                return runner.RunActivityAsync(name.Name, "run-1", (JsonElement?)input);
            });
        context.Setup(c => c.WaitForExternalEvent<JsonElement?>(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Json(new ApprovalDecision(true, "ann@example.com", "Good", Now)));
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime _, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct));

        var orchestrators = new WorkflowOrchestrators(runner, provider.GetRequiredService<ILoggerFactory>());
        var output = await orchestrators.ResearchReport(context.Object).WaitAsync(TimeSpan.FromSeconds(60));

        var report = JsonSerializer.Deserialize<ResearchReportOutput>(output!.Value.GetRawText(), JsonDataConverter.Default.Options)!;
        Assert.Equal(ReportOutcome.Published, report.Outcome);
        Assert.Contains(AgentActivityNames.NotifyApprovers, activities);
        Assert.Contains(AgentActivityNames.SettleApproval, activities);
        Assert.Contains(WorkflowNames.PublishReportActivity, activities);
        var published = Assert.Single(await reports.ListAsync());
        Assert.Contains(Baton.Agents.OfflineChatClient.Marker, await reports.ReadAsync(published), StringComparison.Ordinal);
    }
}
