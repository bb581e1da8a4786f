namespace Baton.Workflows.Tests.Declarative;

/// <summary>Loading validates everything up front and reports every problem with file, line, column and step.</summary>
public sealed class DeclarativeWorkflowValidationTests
{
    private static readonly string Header = DeclarativeFiles.Lines("name: checked", "steps:");

    [Fact]
    public void Load_RepositoryWorkflows_LoadsEveryTwinWithoutErrors()
    {
        var files = Directory.GetFiles(DeclarativeFiles.RepositoryFolder, "*.yaml").Select(f => (f, File.ReadAllText(f))).ToArray();

        var catalog = DeclarativeFiles.Load(files);

        Assert.Equal(["contract-review-yaml", "document-signoff-yaml", "parallel-review-yaml", "research-report-yaml", "support-triage-yaml"], catalog.Names);
        Assert.All(catalog.Descriptors, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
    }

    [Fact]
    public void Load_UnknownAgent_ReportsTheAgentFieldsPosition()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: ask",
            "    kind: agent",
            "    agent: oracle",
            "    prompt: hello");

        var error = Assert.Single(DeclarativeFiles.Errors(("a.yaml", text)));

        Assert.Equal(("a.yaml", 5, 12, "checked", "ask"), (error.File, error.Line, error.Column, error.Workflow, error.Step));
        Assert.Contains("Unknown agent 'oracle'", error.Message, StringComparison.Ordinal);
        Assert.Contains(WorkflowAgentNames.Researcher, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownStepKind_ReportsTheKindFieldsPositionAndTheKinds()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: wait",
            "    kind: sleep",
            "    duration: 1h");

        var error = Assert.Single(DeclarativeFiles.Errors(("b.yaml", text)));

        Assert.Equal((4, 11, "wait"), (error.Line, error.Column, error.Step));
        Assert.Contains("Unknown step kind 'sleep'", error.Message, StringComparison.Ordinal);
        Assert.Contains("parallel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReferenceToAnOutputThatDoesNotExist_ReportsThePromptsPositionAndTheEarlierSteps()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: research",
            "    kind: agent",
            "    agent: researcher",
            "    prompt: \"{{ input.topic }}\"",
            "  - name: write",
            "    kind: agent",
            "    agent: writer",
            "    prompt: \"Notes: {{ reserch.text }}\"");

        var error = Assert.Single(DeclarativeFiles.Errors(("c.yaml", text)));

        Assert.Equal((10, 13, "write"), (error.Line, error.Column, error.Step));
        Assert.Contains("'reserch.text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Steps before it: research", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReferenceToAStepThatRunsLater_IsRefused()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: write",
            "    kind: agent",
            "    agent: writer",
            "    prompt: \"{{ research.text }}\"",
            "  - name: research",
            "    kind: agent",
            "    agent: researcher",
            "    prompt: topic");

        var error = Assert.Single(DeclarativeFiles.Errors(("c2.yaml", text)));

        Assert.Equal((6, 13, "write"), (error.Line, error.Column, error.Step));
    }

    [Fact]
    public void Load_OutputReadsAFieldAnAgentStepDoesNotHave_ReportsTheOutputsPosition()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: classify",
            "    kind: agent",
            "    agent: triage-classifier",
            "    prompt: \"{{ input.message }}\"",
            "output:",
            "  urgency: \"{{ classify.output.severity }}\"");

        var error = Assert.Single(DeclarativeFiles.Errors(("o.yaml", text)));

        Assert.Equal((8, 3, null), (error.Line, error.Column, error.Step));
        Assert.Contains("has no field 'severity'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SwitchOnAFieldTheSchemaDoesNotHave_ReportsTheOnFieldsPositionAndTheSchemasFields()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: classify",
            "    kind: agent",
            "    agent: triage-classifier",
            "    prompt: \"{{ input.message }}\"",
            "  - name: route",
            "    kind: switch",
            "    on: classify.output.priority",
            "    cases:",
            "      High:",
            "        - name: page",
            "          kind: agent",
            "          agent: general-support",
            "          prompt: now");

        var error = Assert.Single(DeclarativeFiles.Errors(("d.yaml", text)));

        Assert.Equal((9, 9, "route"), (error.Line, error.Column, error.Step));
        Assert.Contains("switches on 'classify.output.priority'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(TicketClassification) has no field 'priority'", error.Message, StringComparison.Ordinal);
        Assert.Contains("category, urgency, confidence, reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CycleInSubWorkflows_ReportsTheStepThatClosesIt()
    {
        var first = DeclarativeFiles.Lines(
            "name: first",
            "steps:",
            "  - name: call-second",
            "    kind: workflow",
            "    workflow: second");
        var second = DeclarativeFiles.Lines(
            "name: second",
            "steps:",
            "  - name: note",
            "    kind: agent",
            "    agent: writer",
            "    prompt: x",
            "  - name: call-first",
            "    kind: workflow",
            "    workflow: first");

        var error = Assert.Single(DeclarativeFiles.Errors(("first.yaml", first), ("second.yaml", second)));

        Assert.Equal(("second.yaml", 9, 15, "second", "call-first"), (error.File, error.Line, error.Column, error.Workflow, error.Step));
        Assert.Contains("cycle: first -> second -> first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblemsInSeveralFiles_ReportsEveryOneAndLoadsNothing()
    {
        var good = DeclarativeFiles.Lines(
            "name: good",
            "steps:",
            "  - name: hello",
            "    kind: agent",
            "    agent: writer",
            "    prompt: hi");
        var bad = DeclarativeFiles.Lines(
            "name: bad",
            "steps:",
            "  - name: one",
            "    kind: agent",
            "    agent: nobody",
            "    prompt: \"{{ missing.text }}\"",
            "  - name: two",
            "    kind: teleport",
            "  - name: three",
            "    kind: approval",
            "    title: ok",
            "    approvers: [a@example.com]",
            "    timeout: forever",
            "    compensate: undo");

        var exception = Assert.Throws<DeclarativeWorkflowException>(() => DeclarativeFiles.Load(("good.yaml", good), ("bad.yaml", bad)));

        Assert.Equal(
            [(5, "one"), (6, "one"), (8, "two"), (13, "three"), (14, "three")],
            exception.Errors.Select(e => (e.Line, e.Step!)));
        Assert.All(exception.Errors, e => Assert.Equal("bad.yaml", e.File));
        Assert.Contains("5 problem(s)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("bad.yaml(13,", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_ReportsWhereTheParserStopped()
    {
        var text = DeclarativeFiles.Lines("name: broken", "steps:", "  - name: a", "    kind: [agent");

        var error = Assert.Single(DeclarativeFiles.Errors(("e.yaml", text)));

        Assert.Equal("e.yaml", error.File);
        Assert.True(error.Line >= 4, $"line {error.Line}");
        Assert.StartsWith("The file is not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WebhookNotAllowListed_IsRefusedAndAllowedOneLoads()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: notify",
            "    kind: webhook",
            "    url: https://hooks.example.com/baton");

        var refused = Assert.Single(DeclarativeFiles.Errors(("w.yaml", text)));
        var loaded = DeclarativeFiles.Load([("w.yaml", text)], o => o.AllowedWebhookUrls.Add("https://hooks.example.com/"));

        Assert.Equal((5, 10, "notify"), (refused.Line, refused.Column, refused.Step));
        Assert.Contains("not allow-listed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["checked"], loaded.Names);
    }

    [Fact]
    public void Load_ApprovalGatedToolCalledDirectly_IsRefused()
    {
        var text = DeclarativeFiles.Lines(
            Header,
            "  - name: ticket",
            "    kind: tool",
            "    tool: " + TicketTools.ToolName);

        var error = Assert.Single(DeclarativeFiles.Errors(("t.yaml", text)));

        Assert.Contains("requires a person's approval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NameOfABuiltInWorkflow_IsRefused()
    {
        var text = DeclarativeFiles.Lines(
            "name: research-report",
            "steps:",
            "  - name: a",
            "    kind: agent",
            "    agent: writer",
            "    prompt: x");

        var error = Assert.Single(DeclarativeFiles.Errors(("r.yaml", text)));

        Assert.Contains("taken by a built-in workflow", error.Message, StringComparison.Ordinal);
    }
}
