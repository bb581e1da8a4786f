using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Baton.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>The step kinds and step options of declarative workflows, run on the engine.</summary>
public sealed class DeclarativeStepTests
{
    private readonly ConcurrentQueue<string> _calls = new();
    private int _running;
    private int _maxRunning;
    private int _flaky;

    private void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<JsonElement, Echo>("Work", async (_, input) =>
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxRunning, now);
            await Task.Yield();
            _calls.Enqueue(input.GetProperty("label").GetString()!);
            Interlocked.Decrement(ref _running);
            return new Echo(input.GetProperty("label").GetString()!);
        })
        .AddActivityFunc<JsonElement, Echo>("Fail", static (TaskActivityContext _, JsonElement _) => Broken())
        .AddActivityFunc<JsonElement, Echo>("Flaky", (_, _) =>
            Interlocked.Increment(ref _flaky) < 3 ? throw new TimeoutException("Try again.") : new Echo("third time"));

    private static Echo Broken() => throw new InvalidOperationException("This branch is broken.");

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private Task<DeclarativeRunHost> StartAsync(string yaml, Action<DeclarativeWorkflowOptions>? options = null, params (string Name, string Text)[] more) =>
        DeclarativeRunHost.StartAsync(
            new Dictionary<string, string>(more.Select(m => KeyValuePair.Create(m.Name, m.Text))) { ["flow.yaml"] = yaml },
            Register,
            options);

    private static async Task<JsonElement> RunAsync(DeclarativeRunHost test, object? input = null)
    {
        var done = await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", input ?? new { }));
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        return done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output;
    }

    [Fact]
    public async Task Parallel_OneOfThreeBranchesFailsAndTwoAreRequired_SucceedsReportsTheFailureAndKeepsTheLimit()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: fan
                kind: parallel
                maxConcurrency: 1
                minSucceeded: 2
                branches:
                  - { name: a, kind: activity, activity: Work, input: { label: a } }
                  - { name: broken, kind: activity, activity: Fail, input: { label: x } }
                  - { name: c, kind: activity, activity: Work, input: { label: c } }
            output:
              fan: "{{ fan }}"
              fromC: "{{ c.label }}"
            """);

        var output = await RunAsync(test);

        var fan = output.GetProperty("fan");
        Assert.Equal(2, fan.GetProperty("succeeded").GetInt32());
        Assert.Equal(["a", "c"], fan.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("label").GetString()));
        var failed = Assert.Single(fan.GetProperty("failed").EnumerateArray());
        Assert.Equal("broken", failed.GetProperty("name").GetString());
        Assert.Contains("This branch is broken.", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("c", output.GetProperty("fromC").GetString());
        Assert.Equal(1, _maxRunning);
    }

    [Fact]
    public async Task Parallel_FewerSucceededThanRequired_FailsTheStepNamingTheBranches()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: fan
                kind: parallel
                minSucceeded: 2
                branches:
                  - { name: a, kind: activity, activity: Work, input: { label: a } }
                  - { name: broken, kind: activity, activity: Fail, input: { label: x } }
            """);

        var done = await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { }));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Step 'fan' of workflow 'flow' failed: only 1 of 2 branches succeeded; 2 were required. Failed: broken:", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gold", "vip")]
    [InlineData("GOLD", "vip")]
    [InlineData("tin", "standard")]
    public async Task Switch_OnAPreviousStepsField_RunsTheMatchingCaseOrTheDefault(string tier, string expected)
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: lookup
                kind: activity
                activity: Work
                input: { label: "{{ input.tier }}" }
              - name: route
                kind: switch
                on: lookup.label
                cases:
                  gold:
                    - { name: vip, kind: activity, activity: Work, input: { label: vip } }
                default:
                  - { name: standard, kind: activity, activity: Work, input: { label: standard } }
            output:
              handled: "{{ vip.label ?? standard.label }}"
            """);

        var output = await RunAsync(test, new { tier });

        Assert.Equal(expected, output.GetProperty("handled").GetString());
        Assert.DoesNotContain(expected == "vip" ? "standard" : "vip", _calls);
    }

    [Fact]
    public async Task Loop_UntilBecomesTrue_StopsAndReportsTheIterations()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: repeat
                kind: loop
                maxIterations: 5
                until: "work.label == 'round-3'"
                steps:
                  - { name: work, kind: activity, activity: Work, input: { label: "round-{{ loop.iteration }}" } }
            output: { loop: "{{ repeat }}" }
            """);

        var output = await RunAsync(test);

        Assert.Equal(["round-1", "round-2", "round-3"], _calls);
        Assert.Equal(3, output.GetProperty("loop").GetProperty("iterations").GetInt32());
        Assert.True(output.GetProperty("loop").GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task Loop_UntilNeverTrue_StopsAtTheMaximum()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: repeat
                kind: loop
                maxIterations: 2
                until: "work.label == 'never'"
                steps:
                  - { name: work, kind: activity, activity: Work, input: { label: "round-{{ loop.iteration }}" } }
            output: { loop: "{{ repeat }}" }
            """);

        var output = await RunAsync(test);

        Assert.Equal(2, _calls.Count);
        Assert.False(output.GetProperty("loop").GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task Retry_StepFailsTwice_RunsAgainAfterDurableTimersAndSucceeds()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: flaky
                kind: activity
                activity: Flaky
                retry: { maxAttempts: 3, delay: 10s, backoff: 2 }
            output: { result: "{{ flaky.label }}" }
            """);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { });

        await test.AdvanceAfterTimerAsync(id, 1, TimeSpan.FromSeconds(10));
        await test.AdvanceAfterTimerAsync(id, 2, TimeSpan.FromSeconds(20));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("third time", done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("result").GetString());
        Assert.Equal(3, _flaky);
    }

    [Fact]
    public async Task Timeout_StepDoesNotFinishInTime_FailsTheStepSayingSo()
    {
        await using var test = await StartAsync(
            """
            name: flow
            steps:
              - name: wait
                kind: workflow
                workflow: waiter
                timeout: 1h
              - name: never
                kind: activity
                activity: Work
                input: { label: never }
            """,
            null,
            ("waiter.yaml", """
                name: waiter
                steps:
                  - name: ask
                    kind: approval
                    title: Never answered
                    approvers: [nobody@example.com]
                    timeout: 30d
                """));
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { });

        await test.AdvanceAfterTimerAsync(id, 1, TimeSpan.FromHours(1));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Step 'wait' of workflow 'flow' failed: it did not finish within its timeout of 01:00:00.", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_calls);
    }

    [Fact]
    public async Task Approval_NoDecision_RemindsThenTakesTheDefaultOnTheFakeClock()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: ok
                kind: approval
                title: "Ship {{ input.release }}?"
                approvers: "{{ input.approvers }}"
                details: The release notes.
                timeout: 2d
                reminder: 1d
                default: approve
            output: { decision: "{{ ok }}" }
            """);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { release = "1.2", approvers = new[] { "ops@example.com" } });

        await test.AdvanceAfterTimerAsync(id, 1, TimeSpan.FromDays(1));
        await test.AdvanceAfterTimerAsync(id, 2, TimeSpan.FromDays(1));
        var done = await test.CompletionAsync(id);

        var decision = done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("decision");
        Assert.True(decision.GetProperty("approved").GetBoolean());
        Assert.True(decision.GetProperty("isDefault").GetBoolean());
        Assert.Equal(
            [(Baton.Agents.ApprovalNotificationKind.Requested, "Ship 1.2?"), (Baton.Agents.ApprovalNotificationKind.Reminder, "Ship 1.2?")],
            test.Notifier.Notifications.Select(n => (n.Kind, n.Request.Title)));
        Assert.Equal(["ops@example.com"], test.Notifier.Notifications[0].Recipients);
    }

    [Fact]
    public async Task Approval_EscalateToAndAllowEdits_EscalatesAfterTheRemindersAndGoesOnWithTheEscalationApproversEdit()
    {
        await using var test = await StartAsync("""
            name: flow
            steps:
              - name: ok
                kind: approval
                title: Publish the notes?
                approvers: [ops@example.com]
                escalateTo: [boss@example.com]
                details: The release notes.
                allowEdits: true
                timeout: 3d
                reminder: 1d
                maxReminders: 1
                default: reject
            output: { text: "{{ ok.text }}", approver: "{{ ok.approver }}", channel: "{{ ok.channel }}" }
            """);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { });
        var ledger = test.Host.Services.GetRequiredService<Baton.Agents.IApprovalLedger>();

        await test.AdvanceAfterTimerAsync(id, 1, TimeSpan.FromDays(1));
        await test.AdvanceAfterTimerAsync(id, 2, TimeSpan.FromDays(1));
        var escalated = await Baton.Testing.Eventually.UntilAsync(
            () => ledger.ListAsync(new Baton.Agents.ApprovalLedgerQuery(InstanceId: id)),
            records => records is [{ Escalated: true }],
            "the escalation in the ledger",
            TimeSpan.FromSeconds(30));
        var decider = new Baton.Agents.ApprovalDecider(ledger, test.Client, test.Time);
        var result = await decider.DecideAsync(new Baton.Agents.ApprovalBallot(id, escalated[0].EventName, "boss@example.com", true, null, Baton.Agents.ApprovalChannels.Inbox)
        {
            EditedText = "The release notes, corrected.",
        });
        var done = await test.CompletionAsync(id);

        Assert.Equal(Baton.Agents.ApprovalDecisionOutcome.Recorded, result.Outcome);
        Assert.Equal(
            [Baton.Agents.ApprovalNotificationKind.Requested, Baton.Agents.ApprovalNotificationKind.Reminder, Baton.Agents.ApprovalNotificationKind.Escalated],
            test.Notifier.Notifications.Select(n => n.Kind));
        Assert.Equal(["boss@example.com"], test.Notifier.Notifications[^1].Recipients);
        var output = done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output;
        Assert.Equal("The release notes, corrected.", output.GetProperty("text").GetString());
        Assert.Equal("boss@example.com", output.GetProperty("approver").GetString());
        Assert.Equal("inbox", output.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Workflow_SubWorkflowStep_RunsTheChildAndPassesItsOutputOn()
    {
        await using var test = await StartAsync(
            """
            name: flow
            steps:
              - name: child
                kind: workflow
                workflow: child-flow
                input: { label: "{{ input.label }}" }
              - name: after
                kind: activity
                activity: Work
                input: { label: "after {{ child.echoed }}" }
            output: { result: "{{ after.label }}" }
            """,
            null,
            ("child.yaml", """
                name: child-flow
                steps:
                  - { name: work, kind: activity, activity: Work, input: { label: "{{ input.label }}" } }
                output: { echoed: "{{ work.label }}" }
                """));

        var output = await RunAsync(test, new { label = "hello" });

        Assert.Equal("after hello", output.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Webhook_AllowListedEndpoint_IsCalledAsAnActivityWithTheBodyAndAnIdempotencyKey()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "{\"accepted\":true}");
        await using var test = await StartAsync(
            """
            name: flow
            steps:
              - name: notify
                kind: webhook
                url: https://hooks.example.com/baton/runs
                headers: { X-Run: "{{ workflow.instanceId }}" }
                body: { topic: "{{ input.topic }}" }
            output: { notify: "{{ notify }}" }
            """,
            o =>
            {
                o.AllowedWebhookUrls.Add("https://hooks.example.com/baton/");
                o.WebhookClient = new HttpClient(handler);
            });

        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { topic = "pricing" });
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST https://hooks.example.com/baton/runs {\"topic\":\"pricing\"}", $"{request.Method} {request.Url} {request.Body}");
        Assert.Equal(id, request.Headers["X-Run"]);
        Assert.StartsWith(id + ":", request.Headers["Idempotency-Key"], StringComparison.Ordinal);
        var notify = done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("notify");
        Assert.Equal(200, notify.GetProperty("status").GetInt32());
        Assert.True(notify.GetProperty("body").GetProperty("accepted").GetBoolean());
    }

    [Fact]
    public async Task Webhook_EndpointAnswersAnError_FailsTheStepAfterItsRetries()
    {
        var handler = new RecordingHandler(HttpStatusCode.InternalServerError, "down");
        await using var test = await StartAsync(
            """
            name: flow
            steps:
              - name: notify
                kind: webhook
                url: https://hooks.example.com/baton/runs
                retry: { maxAttempts: 2, delay: 5s }
            """,
            o =>
            {
                o.AllowedWebhookUrls.Add("https://hooks.example.com/");
                o.WebhookClient = new HttpClient(handler);
            });
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { });

        await test.AdvanceAfterTimerAsync(id, 1, TimeSpan.FromSeconds(5));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("answered 500", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_WithDeclarativeWorkflows_ListsThemBesideTheBuiltInOnes()
    {
        await using var test = await StartAsync("""
            name: flow
            description: Echoes a label.
            steps:
              - { name: work, kind: activity, activity: Work, input: { label: x } }
            """);

        var catalog = test.Host.Services.GetRequiredService<WorkflowCatalog>();

        Assert.Equal(WorkflowCatalog.BuiltIn.Count + 1, catalog.Workflows.Count);
        var flow = catalog.Get("flow");
        Assert.Equal(typeof(DeclarativeWorkflowOutput), flow.OutputType);
        Assert.Equal("Echoes a label.", flow.Description);
    }

    private sealed record Echo(string Label);

    private sealed record RecordedRequest(string Method, string Url, string Body, Dictionary<string, string> Headers);

    private sealed class RecordingHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(new RecordedRequest(
                request.Method.Method,
                request.RequestUri!.AbsoluteUri,
                content,
                request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
            return new HttpResponseMessage(status) { Content = new StringContent(body) };
        }
    }
}
