using Baton.Durable;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>Workflow files reloaded while runs go on: real files, a real <see cref="FileSystemWatcher"/>, waits on conditions.</summary>
public sealed class DeclarativeReloadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Version 1 waits for one approval (a one-day timeout that approves), then ends.
    private static readonly string Version1 = DeclarativeFiles.Lines(
        "name: flow",
        "steps:",
        "  - { name: gate, kind: approval, title: Go?, approvers: [a@example.com], timeout: 1d, default: approve }",
        "output:",
        "  version: v1",
        "  approved: \"{{ gate.approved }}\"");

    // Version 2 has another shape: a replay of a version-1 run with it would not match that run's history.
    private static readonly string Version2 = DeclarativeFiles.Lines(
        "name: flow",
        "steps:",
        "  - { name: first, kind: approval, title: First?, approvers: [a@example.com], timeout: 2d, default: approve }",
        "  - { name: second, kind: approval, title: Second?, approvers: [a@example.com], timeout: 2d, default: approve }",
        "output:",
        "  version: v2");

    private static string Simple(string name, string value) => DeclarativeFiles.Lines(
        $"name: {name}",
        "steps:",
        "  - name: pick",
        "    kind: switch",
        "    on: input.choice",
        "    cases:",
        "      a: []",
        "output:",
        $"  value: {value}");

    private static async Task<(DeclarativeRunHost Test, DeclarativeWorkflowWatcher Watcher)> StartAsync(IReadOnlyDictionary<string, string> files)
    {
        var test = await DeclarativeRunHost.StartAsync(files, options: o => o.ReloadDelay = TimeSpan.FromMilliseconds(50));
        var watcher = ActivatorUtilities.CreateInstance<DeclarativeWorkflowWatcher>(test.Host.Services);
        await watcher.StartAsync(CancellationToken.None);
        return (test, watcher);
    }

    private static async Task<string> StartAsync(DeclarativeRunHost test, string workflow, object? input = null)
    {
        var start = test.Host.Services.GetRequiredService<WorkflowCatalog>().Get(workflow).Start(input ?? new { choice = "a" });
        return await test.Client.ScheduleNewOrchestrationInstanceAsync(start.Orchestrator, start.Input);
    }

    private static Task Until(Func<bool> condition, string what) =>
        Eventually.UntilAsync(() => Task.FromResult(condition()), done => done, what, Deadline);

    [Fact]
    public async Task FileChanged_NewRunsGetTheNewVersionAndARunInFlightFinishesOnItsOwn()
    {
        var (test, watcher) = await StartAsync(new Dictionary<string, string> { ["flow.yaml"] = Version1 });
        await using var host = test;
        using var watching = watcher;
        var catalog = test.Host.Services.GetRequiredService<DeclarativeWorkflowCatalog>();
        var first = await StartAsync(test, "flow");
        await Eventually.UntilAsync(async () => await test.Client.GetInstanceHistoryAsync(first) ?? [], h => h.Any(e => e.EventType == HistoryEventType.TimerCreated), "the first run's approval timer", Deadline);
        var version1 = catalog.VersionOf("flow");

        await File.WriteAllTextAsync(Path.Combine(test.Folder, "flow.yaml"), Version2);
        await Until(() => catalog.VersionOf("flow") != version1, "the changed file to load");
        var second = await StartAsync(test, "flow");
        await test.AdvanceAfterTimerAsync(second, 1, TimeSpan.FromDays(2));
        await test.AdvanceAfterTimerAsync(second, 2, TimeSpan.FromDays(2));

        var firstDone = await test.CompletionAsync(first);
        var secondDone = await test.CompletionAsync(second);
        Assert.True(firstDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, firstDone.FailureDetails?.ErrorMessage);
        Assert.True(secondDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, secondDone.FailureDetails?.ErrorMessage);
        Assert.Equal("v1", firstDone.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("version").GetString());
        Assert.Equal(["gate"], firstDone.ReadOutputAs<DeclarativeWorkflowOutput>()!.Steps);
        Assert.Equal("v2", secondDone.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("version").GetString());
        Assert.Equal(["first", "second"], secondDone.ReadOutputAs<DeclarativeWorkflowOutput>()!.Steps);
        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public async Task BadFileSaved_IsReportedWithItsLineAndKeepsItsLastGoodVersionWhileTheOthersRun()
    {
        var (test, watcher) = await StartAsync(new Dictionary<string, string> { ["a.yaml"] = Simple("a", "one"), ["b.yaml"] = Simple("b", "bee") });
        await using var host = test;
        using var watching = watcher;
        var catalog = test.Host.Services.GetRequiredService<DeclarativeWorkflowCatalog>();

        await File.WriteAllTextAsync(Path.Combine(test.Folder, "a.yaml"), DeclarativeFiles.Lines("name: a", "steps:", "  - name: wait", "    kind: sleep"));
        await Until(() => catalog.Problems.Count > 0, "the bad file to be reported");

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(("a.yaml", 4, 11), (Path.GetFileName(problem.File), problem.Line, problem.Column));
        Assert.Contains("Unknown step kind 'sleep'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], catalog.Names);
        var a = await test.CompletionAsync(await StartAsync(test, "a"));
        var b = await test.CompletionAsync(await StartAsync(test, "b"));
        Assert.Equal("one", a.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("value").GetString());
        Assert.Equal("bee", b.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("value").GetString());

        await File.WriteAllTextAsync(Path.Combine(test.Folder, "a.yaml"), Simple("a", "fixed"));
        await Until(() => catalog.Problems.Count == 0, "the fixed file to load");
        var fixedRun = await test.CompletionAsync(await StartAsync(test, "a"));
        Assert.Equal("fixed", fixedRun.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("value").GetString());
    }

    [Fact]
    public async Task FileAddedThenRemoved_JoinsThenLeavesTheWorkflowCatalog()
    {
        var (test, watcher) = await StartAsync(new Dictionary<string, string> { ["a.yaml"] = Simple("a", "one") });
        await using var host = test;
        using var watching = watcher;
        var workflows = test.Host.Services.GetRequiredService<WorkflowCatalog>();

        await File.WriteAllTextAsync(Path.Combine(test.Folder, "c.yml"), Simple("c", "sea"));
        await Until(() => workflows.TryGet("c", out _), "the new file to join the catalog");
        var c = await test.CompletionAsync(await StartAsync(test, "c"));
        File.Delete(Path.Combine(test.Folder, "c.yml"));
        await Until(() => !workflows.TryGet("c", out _), "the removed file to leave the catalog");

        Assert.Equal("sea", c.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("value").GetString());
        Assert.Contains("a", workflows.Names);
        Assert.Throws<WorkflowNotFoundException>(() => workflows.Get("c"));
    }

    [Fact]
    public async Task NewFileReferringToABadOne_IsLeftOutTooAndBothAreReported()
    {
        var (test, watcher) = await StartAsync(new Dictionary<string, string> { ["a.yaml"] = Simple("a", "one") });
        await using var host = test;
        using var watching = watcher;
        var catalog = test.Host.Services.GetRequiredService<DeclarativeWorkflowCatalog>();

        await File.WriteAllTextAsync(Path.Combine(test.Folder, "child.yaml"), DeclarativeFiles.Lines("name: child", "steps: 3"));
        await File.WriteAllTextAsync(Path.Combine(test.Folder, "parent.yaml"), DeclarativeFiles.Lines("name: parent", "steps:", "  - { name: run, kind: workflow, workflow: child }"));
        await Until(() => catalog.Problems.Any(p => p.File.EndsWith("parent.yaml", StringComparison.Ordinal)), "the parent to be reported");

        Assert.Equal(["a"], catalog.Names);
        Assert.Contains(catalog.Problems, p => p.File.EndsWith("child.yaml", StringComparison.Ordinal));
        Assert.Contains(catalog.Problems, p => p.File.EndsWith("parent.yaml", StringComparison.Ordinal) && p.Message.Contains("Unknown workflow 'child'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunPinnedToAVersionNeverLoaded_ByDefault_ReplaysOnTheCurrentVersion()
    {
        await using var test = await DeclarativeRunHost.StartAsync(new Dictionary<string, string> { ["a.yaml"] = Simple("a", "one") });

        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Declarative, new DeclarativeWorkflowInput("a", null, "0123456789abcdef"));
        var done = await test.CompletionAsync(id);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        Assert.Equal("one", done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("value").GetString());
    }

    [Fact]
    public async Task RunPinnedToAVersionNeverLoaded_WhenUnknownVersionsFail_FailsSayingWhatToDo()
    {
        await using var test = await DeclarativeRunHost.StartAsync(
            new Dictionary<string, string> { ["a.yaml"] = Simple("a", "one") },
            options: o => o.FailRunsOfUnknownVersions = true);

        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Declarative, new DeclarativeWorkflowInput("a", null, "0123456789abcdef"));
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("version 0123456789abcdef is not loaded", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Restore that version", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionsFolder_AVersionChangedWhileTheProcessWasDown_IsStillResolvedByALaterProcess()
    {
        var root = Path.Combine(Path.GetTempPath(), "baton-versions-" + Guid.NewGuid().ToString("N"));
        var options = new DeclarativeWorkflowOptions { Folder = Path.Combine(root, "workflows"), VersionsFolder = Path.Combine(root, "versions"), FailRunsOfUnknownVersions = true };
        Directory.CreateDirectory(options.Folder);
        try
        {
            // No 'name': the workflow is named after its file, and its kept version must be too.
            File.WriteAllText(Path.Combine(options.Folder, "flow.yaml"), Version1.Replace("name: flow\n", string.Empty, StringComparison.Ordinal));
            var before = Load(options);
            var version1 = before.VersionOf("flow")!;

            File.WriteAllText(Path.Combine(options.Folder, "flow.yaml"), Version2);
            var after = Load(options);

            Assert.NotEqual(version1, after.VersionOf("flow"));
            Assert.Equal(["gate"], after.Get("flow", version1).Steps.Select(s => s.Name));
            Assert.Equal(["first", "second"], after.Get("flow", after.VersionOf("flow")).Steps.Select(s => s.Name));
            Assert.Throws<DeclarativeWorkflowVersionNotFoundException>(() => after.Get("flow", "0123456789abcdef"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        static DeclarativeWorkflowCatalog Load(DeclarativeWorkflowOptions options)
        {
            using var services = new ServiceCollection().AddBatonWorkflows().BuildServiceProvider();
            return DeclarativeWorkflowLoader.Load(options, services.GetRequiredService<Baton.Agents.AgentCatalog>(), services.GetRequiredService<Baton.Agents.ToolCatalog>(), WorkflowCatalog.BuiltIn.Select(w => w.Name));
        }
    }
}
