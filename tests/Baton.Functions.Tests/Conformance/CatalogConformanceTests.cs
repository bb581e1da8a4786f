using System.Reflection;
using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows;
using Baton.Workflows.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// Every catalog workflow, C# and YAML, started by its catalog name and run twice with the same input, the same
/// answers to its approvals and the offline model: once by the Functions app on Durable Functions' own engine
/// (<see cref="DurableFunctionsEngine"/>) and once on Baton's engine. The runs must end alike: status, output, final
/// custom status, number of model calls and the agent call records of the run and its sub-workflows (found through
/// the records' parent links alone, as Durable's test host keeps no history), with only NewGuid ids and timestamps set
/// aside. One test per workflow,
/// named after it; <see cref="EveryCatalogWorkflow_HasAConformanceTest"/> fails when one is missing.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class CatalogConformanceTests
{
    private const string Approver = "ann@example.com";
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ResearchReport()
    {
        var (output, run) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            WorkflowNames.ResearchReport,
            new ResearchReportInput("Competitor pricing", [Approver])
            {
                SourcePrefix = "sources/pricing/",
                ReminderAfter = TimeSpan.FromSeconds(1),
                ApprovalTimeout = ShortWait,
                OnApprovalTimeout = ApprovalTimeoutAction.Approve,
            })
        {
            // Nobody answers: a reminder goes out, then the deadline passes and the configured default (approve) applies.
            Decide = (_, _) => null,
        });

        Assert.Equal("Published", output.GetProperty("outcome").GetString());
        var decision = Assert.Single(output.GetProperty("decisions").EnumerateArray());
        Assert.True(decision.GetProperty("isDefault").GetBoolean());
        Assert.Contains(run.Notifications, n => n.StartsWith(nameof(ApprovalNotificationKind.Reminder), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResearchReportYaml()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            "research-report-yaml",
            Json(new { topic = "Competitor pricing", approvers = new[] { Approver } }))
        {
            Decide = (n, i) => i == 0 ? ConformanceScenario.Reject(n, "Add the customer interviews.") : ConformanceScenario.Approve(n, "Good now."),
        });

        // Rejection with comments, one revision, then approval (the YAML twin's "revisions" counts its review loop's rounds).
        Assert.True(output.GetProperty("output").GetProperty("published").GetBoolean());
        Assert.Equal(2, output.GetProperty("output").GetProperty("revisions").GetInt32());
    }

    [Fact]
    public async Task ParallelReview()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            WorkflowNames.ParallelReview,
            new ParallelReviewInput("MSA with Northwind", Document))
        {
            // The first model call is throttled with a retry-after hint: the orchestration waits on a durable timer and retries.
            Services = services => ConformanceChatClients.Register(services, throttledCalls: 1, retryAfter: TimeSpan.FromSeconds(1)),
        });

        Assert.Equal(3, output.GetProperty("verdicts").GetArrayLength());
        Assert.Equal(0, output.GetProperty("failed").GetArrayLength());
    }

    [Fact]
    public async Task ParallelReviewYaml()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            "parallel-review-yaml",
            Json(new { title = "MSA with Northwind", document = Document })));

        Assert.Equal(3, output.GetProperty("output").GetProperty("verdicts").GetArrayLength());
    }

    [Fact]
    public async Task SupportTriage()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(CriticalTicket(WorkflowNames.SupportTriage));

        Assert.StartsWith("TKT-", output.GetProperty("ticket").GetProperty("ticketId").GetString(), StringComparison.Ordinal);
        Assert.True(output.GetProperty("ticketApproval").GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task SupportTriageYaml()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(CriticalTicket("support-triage-yaml"));

        Assert.StartsWith("TKT-", output.GetProperty("output").GetProperty("ticketId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentSignoff()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            WorkflowNames.DocumentSignoff,
            new DocumentSignoffInput("Data processing agreement with Northwind", Brief, [Approver]) { SignOffTimeout = ShortWait })
        {
            // Nobody signs: the sign-off times out on a durable timer and the default decision applies.
            Decide = (_, _) => null,
        });

        Assert.Equal("TimedOut", output.GetProperty("state").GetString());
        Assert.True(output.GetProperty("signOff").GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task DocumentSignoffYaml()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            "document-signoff-yaml",
            Json(new { title = "Data processing agreement with Northwind", brief = Brief, approvers = new[] { Approver } }))
        {
            Decide = (n, _) => ConformanceScenario.Approve(n, "Signed."),
        });

        Assert.True(output.GetProperty("output").GetProperty("signedOff").GetBoolean());
    }

    [Fact]
    public async Task GroupChat()
    {
        var (output, run) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            WorkflowNames.GroupChat,
            new GroupChatInput("Should we launch a free tier?", [WorkflowAgentNames.Researcher, WorkflowAgentNames.Analyst, WorkflowAgentNames.Writer])
            {
                MaxRounds = 5,

                // Two rounds per execution: the chat continues as new twice, carrying its transcript and spend.
                RoundsPerExecution = 2,
            }));

        Assert.Equal(5, output.GetProperty("transcript").GetArrayLength());
        Assert.Equal([1, 2, 3, 4, 5], output.GetProperty("transcript").EnumerateArray().Select(t => t.GetProperty("round").GetInt32()));
        // The spend carried across executions accounts for every model call, each once.
        Assert.Equal(run.ModelCalls, output.GetProperty("spend").GetProperty("calls").GetInt32());
    }

    [Fact]
    public async Task WeeklyReport()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            WorkflowNames.WeeklyReport,
            new WeeklyReportInput(new DateOnly(2026, 1, 5), [Approver]) { SourcePrefix = "sources/" })
        {
            // The research-report sub-workflow asks; its approval is raised on the child instance.
            Decide = (n, _) => ConformanceScenario.Approve(n),
        });

        Assert.Equal(ConformanceDriver.InstanceId + ":report", output.GetProperty("reportInstanceId").GetString());
        Assert.Equal("Published", output.GetProperty("report").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Hierarchical()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            WorkflowNames.Hierarchical,
            new HierarchicalInput("Prepare the launch of the free tier: pricing review, contract terms and an announcement.") { ChatRounds = 2, Approvers = [Approver] }));

        var teams = output.GetProperty("teams");
        Assert.NotEqual(0, teams.GetArrayLength());
        Assert.All(teams.EnumerateArray(), team => Assert.True(team.GetProperty("succeeded").GetBoolean()));
    }

    [Fact]
    public async Task ContractReview()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            ContractReviewWorkflow.Name,
            new ContractReviewWorkflow.Request("Master services agreement with Northwind", ContractTerms, [Approver]))
        {
            // Legal approves with an edit: the finalizer works from legal's text.
            Decide = (n, _) => ConformanceScenario.Approve(n, "One change.") with { EditedText = "Edited by legal: " + n.Request.Details },
        });

        Assert.Equal("Finalized", output.GetProperty("outcome").GetString());
        Assert.StartsWith("Edited by legal: ", output.GetProperty("draft").GetString(), StringComparison.Ordinal);
        Assert.Contains("[offline model]", output.GetProperty("final").GetString(), StringComparison.Ordinal);
        Assert.Contains(output.GetProperty("review").GetProperty("verdict").GetString(), new[] { "Ready", "NeedsChanges" });
    }

    [Fact]
    public async Task ContractReviewYaml()
    {
        var (output, _) = await AssertSameOnBothEnginesAsync(new ConformanceScenario(
            "contract-review-yaml",
            Json(new { title = "Master services agreement with Northwind", terms = ContractTerms, legalApprovers = new[] { Approver } }))
        {
            // Legal approves with an edit; the agents are the file's own, sent with each model call to the app's activity.
            Decide = (n, _) => ConformanceScenario.Approve(n, "One change.") with { EditedText = "Edited by legal: " + n.Request.Details },
        });

        var result = output.GetProperty("output");
        Assert.True(result.GetProperty("approved").GetBoolean());
        Assert.Equal("contract-finalizer", result.GetProperty("finalized").GetString());
        Assert.StartsWith("Edited by legal: ", result.GetProperty("draft").GetString(), StringComparison.Ordinal);
        Assert.Contains(result.GetProperty("review").GetProperty("verdict").GetString(), new[] { "Ready", "NeedsChanges" });
    }

    [Fact]
    public void EveryCatalogWorkflow_HasAConformanceTest()
    {
        var tests = typeof(CatalogConformanceTests).GetMethods()
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);
        using var services = AppContainer();

        var missing = services.GetRequiredService<WorkflowCatalog>().Names.Where(name => !tests.Contains(TestName(name))).ToList();

        Assert.True(missing.Count == 0, $"Catalog workflows without a conformance test (add a [Fact] named after each): {string.Join(", ", missing.Select(TestName))}.");
    }

    private const string Document =
        "Master services agreement. Liability is unlimited for both parties. Payment terms are net 90. " +
        "Customer data may be processed outside the EU. Either party may terminate with 7 days notice.";

    private const string ContractTerms =
        "Northwind provides support services for 12 months from 1 March, renewing yearly unless either party gives 60 days notice. " +
        "Fees 4,000 EUR a month, invoiced monthly, net 30. Liability capped at 12 months of fees. Governed by Dutch law.";

    private const string Brief =
        "Northwind processes customer support tickets for us. Data stays in the EU. Sub-processors need our written consent.";

    private static ConformanceScenario CriticalTicket(string workflow) => new(
        workflow,
        new SupportTriageInput("Dana Park <dana@contoso.example>", "Everything is down", "Our whole team cannot sign in since 9:00.", ["lead@example.com"]))
    {
        // The classifier says critical: the run escalates through the approval-gated create_ticket tool, approved here.
        Services = services => services.AddBatonAgents(a => a.UseChatClient(
            WorkflowAgents.TriageClassifier.Model,
            _ => new FixedChatClient(JsonSerializer.Serialize(new TicketClassification(SupportCategory.Technical, TicketUrgency.Critical, 0.9, "Scripted."), JsonDataConverter.Default.Options)))),
        Decide = (n, _) => ConformanceScenario.Approve(n, "Open it."),
    };

    /// <summary>Runs the scenario on both engines, asserts they end alike and returns the output and run Durable Functions gave.</summary>
    internal static async Task<(JsonElement Output, ConformanceRun Run)> AssertSameOnBothEnginesAsync(ConformanceScenario scenario)
    {
        ConformanceRun onDurable;
        IReadOnlyList<string> durableCalls;
        await using (var durable = await DurableFunctionsEngine.StartAsync(scenario))
        {
            onDurable = await ConformanceDriver.RunAsync(durable, scenario, durable.Services.GetRequiredService<WorkflowCatalog>());
            durableCalls = await CallRecordsAsync(durable.Services);
        }

        ConformanceRun onBaton;
        IReadOnlyList<string> batonCalls;
        await using (var baton = await BatonEngine.StartAsync(scenario))
        {
            onBaton = await ConformanceDriver.RunAsync(baton, scenario, baton.Catalog);
            batonCalls = await CallRecordsAsync(baton.Services);
        }

        Assert.Equal(batonCalls, durableCalls);
        Assert.True(onDurable.ModelCalls == 0 || durableCalls.Any(c => c.Contains("|Model|", StringComparison.Ordinal)), "The run called the model and yet no LLM call was recorded.");

        Assert.Equal(onBaton.Status, onDurable.Status);
        Assert.Equal(onBaton.Failure, onDurable.Failure);
        Assert.Equal(ConformanceDriver.Normalize(onBaton.Output), ConformanceDriver.Normalize(onDurable.Output));
        Assert.Equal(ConformanceDriver.Normalize(onBaton.CustomStatus), ConformanceDriver.Normalize(onDurable.CustomStatus));
        Assert.Equal(onBaton.ModelCalls, onDurable.ModelCalls);
        Assert.Equal(onBaton.Notifications, onDurable.Notifications);
        Assert.Equal("Completed", onDurable.Status);
        if (Environment.GetEnvironmentVariable("BATON_CONFORMANCE_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            await File.WriteAllTextAsync(Path.Combine(dump, scenario.Workflow + ".json"), ConformanceDriver.Normalize(onDurable.Output) + "\n" + ConformanceDriver.Normalize(onDurable.CustomStatus) + $"\nmodel calls: {onDurable.ModelCalls}\n");
        }

        return (JsonDocument.Parse(onDurable.Output!).RootElement.Clone(), onDurable);
    }

    /// <summary>
    /// The agent call records of the run and every sub-workflow reached through the ledger's child links, as
    /// "depth|kind|agent|tool|tokens in|tokens out|error" lines in a stable order (instance ids and keys differ between engines).
    /// </summary>
    private static async Task<IReadOnlyList<string>> CallRecordsAsync(IServiceProvider services)
    {
        var ledger = services.GetRequiredService<IAgentCallLedger>();
        var lines = new List<string>();
        var level = new List<string> { ConformanceDriver.InstanceId };
        for (var depth = 0; level.Count > 0 && depth < 5; depth++)
        {
            var next = new List<string>();
            foreach (var instanceId in level)
            {
                lines.AddRange((await ledger.ListAsync(instanceId)).Select(r =>
                    $"{depth}|{r.Kind}|{r.AgentName}|{r.ToolName}|{r.Usage?.InputTokens}|{r.Usage?.OutputTokens}|{r.Failed || r.IsError}"));
                next.AddRange(await ledger.ListChildrenAsync(instanceId));
            }

            level = next;
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static ServiceProvider AppContainer()
    {
        var scenario = new ConformanceScenario(WorkflowNames.ResearchReport, new object());
        var services = new ServiceCollection().AddLogging();
        var configuration = ConformanceServices.Configuration(scenario);
        ConformanceServices.AddStores(services, configuration);
        services.AddBatonFunctionsApp(configuration, ConformanceServices.WorkflowsFolder);
        return services.BuildServiceProvider();
    }

    private static string TestName(string workflow) =>
        string.Concat(workflow.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, JsonDataConverter.Default.Options);
}
