using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>Agents a workflow file defines under <c>agents:</c>: loading checks them, steps run them on any host.</summary>
public sealed class DeclarativeAgentTests
{
    private static readonly string Agents = DeclarativeFiles.Lines(
        "name: rated",
        "agents:",
        "  rater:",
        "    description: Rates a text.",
        "    instructions: Rate the text you are given and say why.",
        "    model: rating",
        "    temperature: 0.1",
        "    maxTokens: 300",
        "    tools: [search_documents]",
        "    output:",
        "      type: object",
        "      properties:",
        "        verdict: { type: string, enum: [approve, revise] }",
        "        score: { type: integer, minimum: 1, maximum: 5 }",
        "        reasons: { type: array, items: { type: string } }",
        "      required: [verdict, score, reasons]",
        "  summarizer:",
        "    instructions: Summarize in one sentence.");

    private static string Flow(string prompt = "'{{ input.text }}'", string output = "{{ rate.output }}") => DeclarativeFiles.Lines(
        Agents,
        "steps:",
        "  - name: rate",
        "    kind: agent",
        "    agent: rater",
        $"    prompt: {prompt}",
        "  - name: sum",
        "    kind: agent",
        "    agent: summarizer",
        "    prompt: '{{ rate.output.verdict }}: {{ input.text }}'",
        "output:",
        $"  rating: \"{output}\"",
        "  verdict: \"{{ rate.output.verdict }}\"",
        "  summary: \"{{ sum.text }}\"",
        "  tools: \"{{ rate.toolCalls }}\"");

    [Fact]
    public void Load_AgentsSection_DefinesEachAgentWithItsModelOptionsToolsAndSchema()
    {
        var catalog = DeclarativeFiles.Load(("rated.yaml", Flow()));

        var workflow = catalog.Get("rated");
        var rater = workflow.Agent("RATER");
        Assert.NotNull(rater);
        Assert.Equal(("rater", "rating", "Rates a text."), (rater.Name, rater.Model, rater.Description));
        Assert.Equal("Rate the text you are given and say why.", rater.Instructions);
        Assert.Equal(new AgentModelOptions(0.1f, 300), rater.Options);
        Assert.Equal(["search_documents"], rater.Tools);
        var schema = rater.OutputSchema!.Value;
        Assert.Equal(["approve", "revise"], schema.GetProperty("properties").GetProperty("verdict").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, schema.GetProperty("properties").GetProperty("score").GetProperty("maximum").GetInt32());
        var summarizer = workflow.Agent("summarizer")!;
        Assert.Equal((AgentDefinition.DefaultModel, (JsonElement?)null), (summarizer.Model, summarizer.OutputSchema));
    }

    [Fact]
    public void Load_AgentNamedLikeARegisteredAgent_SaysWhichNameClashesAndWhatToDo()
    {
        var text = DeclarativeFiles.Lines(
            "name: clash",
            "agents:",
            $"  {WorkflowAgentNames.Drafter}:",
            "    instructions: Draft.",
            "steps:",
            "  - { name: draft, kind: agent, agent: drafter, prompt: x }");

        var error = Assert.Single(DeclarativeFiles.Errors(("clash.yaml", text)));

        Assert.Equal(("clash.yaml", 3, 3), (error.File, error.Line, error.Column));
        Assert.Contains($"Agent '{WorkflowAgentNames.Drafter}' is already registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("another name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameAgentNameInTwoFiles_ReportsTheOtherFile()
    {
        static string File(string name) => DeclarativeFiles.Lines(
            $"name: {name}",
            "agents:",
            "  helper: { instructions: Help. }",
            "steps:",
            "  - { name: help, kind: agent, agent: helper, prompt: x }");

        var error = Assert.Single(DeclarativeFiles.Errors(("one.yaml", File("one")), ("two.yaml", File("two"))));

        Assert.Equal("two.yaml", error.File);
        Assert.Contains("Agent 'helper' is also defined in one.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadAgentFields_ReportsEachWithItsPosition()
    {
        var text = DeclarativeFiles.Lines(
            "name: bad",
            "agents:",
            "  broken:",
            "    temperature: 3",
            "    maxTokens: 0",
            "    tools: [no_such_tool]",
            "    output: { type: array, items: { type: string } }",
            "    voice: loud",
            "steps:",
            "  - { name: ask, kind: agent, agent: broken, prompt: x }");

        var errors = DeclarativeFiles.Errors(("bad.yaml", text));

        Assert.Contains(errors, e => e.Line == 3 && e.Message.Contains("needs 'instructions'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains("'temperature: 3' must be a number from 0 to 2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("'maxTokens: 0' must be a whole number of 1 or more", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("unknown tool 'no_such_tool'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Message.Contains("'type: object' at its root", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 8 && e.Message.Contains("Unknown field 'voice'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StepReadsAFieldTheAgentsSchemaHasNot_ListsTheSchemasFields()
    {
        var error = Assert.Single(DeclarativeFiles.Errors(("rated.yaml", Flow(output: "{{ rate.output.grade }}"))));

        Assert.Contains("the output schema of agent 'rater' has no field 'grade'", error.Message, StringComparison.Ordinal);
        Assert.Contains("verdict, score, reasons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StepReadsTheOutputOfAnAgentWithoutSchema_SaysToReadText()
    {
        var text = DeclarativeFiles.Lines(
            Agents,
            "steps:",
            "  - { name: sum, kind: agent, agent: summarizer, prompt: x }",
            "output:",
            "  s: \"{{ sum.output.line }}\"");

        var error = Assert.Single(DeclarativeFiles.Errors(("rated.yaml", text)));

        Assert.Contains("agent 'summarizer' has no structured output", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sum.text'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AgentsOfTheFileOnTheOfflineModel_AnswerStructuredOutputValidForTheSchema()
    {
        await using var test = await DeclarativeRunHost.StartAsync(new Dictionary<string, string> { ["rated.yaml"] = Flow() });

        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("rated", new { text = "The renewal clause lacks a notice period." });
        var done = await test.CompletionAsync(id);

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        var output = done.ReadOutputAs<DeclarativeWorkflowOutput>()!;
        var rating = output.Output.GetProperty("rating");
        Assert.Contains(rating.GetProperty("verdict").GetString(), new[] { "approve", "revise" });
        Assert.InRange(rating.GetProperty("score").GetInt32(), 1, 5);
        Assert.Equal(JsonValueKind.Array, rating.GetProperty("reasons").ValueKind);
        Assert.Equal(rating.GetProperty("verdict").GetString(), output.Output.GetProperty("verdict").GetString());
        Assert.Contains("[offline model]", output.Output.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var search = Assert.Single(output.Output.GetProperty("tools").EnumerateArray());
        Assert.Equal("search_documents", search.GetProperty("tool").GetString());
        Assert.False(search.GetProperty("isError").GetBoolean());
        Assert.Equal(["rater", "summarizer"], output.Spend.Agents.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_AnswerOutsideTheSchema_IsSentBackOnceForRepairThenAccepted()
    {
        var model = new ScriptedChatClient(
            """{ "verdict": "maybe", "score": 9, "reasons": [] }""",
            """{ "verdict": "revise", "score": 2, "reasons": ["no notice period"] }""",
            "One sentence.");
        await using var test = await DeclarativeRunHost.StartAsync(
            new Dictionary<string, string> { ["rated.yaml"] = Flow() },
            services: s => s.AddBatonAgents(a => a.UseChatClient("rating", _ => model).UseChatClient(AgentDefinition.DefaultModel, _ => model)));

        var done = await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync("rated", new { text = "Renewal." }));

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        var rating = done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output.GetProperty("rating");
        Assert.Equal(("revise", 2), (rating.GetProperty("verdict").GetString(), rating.GetProperty("score").GetInt32()));
        var calls = model.Calls.ToList();
        Assert.Equal("Rate the text you are given and say why.", calls[0].Messages[0].Text);
        Assert.Equal(0.1f, calls[0].Options!.Temperature);
        Assert.Equal(300, calls[0].Options!.MaxOutputTokens);
        Assert.Equal(["search_documents"], calls[0].Options!.Tools!.Select(t => t.Name));
        var format = Assert.IsType<ChatResponseFormatJson>(calls[0].Options!.ResponseFormat);
        Assert.Equal("rater_answer", format.SchemaName);
        var repair = calls[1].Messages[^1].Text;
        Assert.Contains("/verdict", repair, StringComparison.Ordinal);
        Assert.Contains("/score", repair, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AnswerStillOutsideTheSchemaAfterRepair_FailsTheStepSayingWhatIsWrong()
    {
        var model = new ScriptedChatClient("""{ "verdict": "maybe", "score": 3, "reasons": [] }""");
        await using var test = await DeclarativeRunHost.StartAsync(
            new Dictionary<string, string> { ["rated.yaml"] = Flow() },
            services: s => s.AddBatonAgents(a => a.UseChatClient("rating", _ => model)));

        var done = await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync("rated", new { text = "Renewal." }));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("rate", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("/verdict", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, model.Calls.Count);
    }
}
