using System.Text.Json;
using Baton.Durable;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>Typed <c>inputs:</c> in workflow files: read as JSON Schema, reported with positions, and checked by the run itself.</summary>
public sealed class DeclarativeInputsTests
{
    private const string Steps = """
        steps:
          - name: say
            kind: agent
            agent: writer
            prompt: "{{ input.topic }}"
        """;

    private const string Typed = """
        name: flow
        inputs:
          topic:
            type: string
            required: true
            minLength: 1
            description: What to write about.
          approvers:
            type: array
            items: { type: string, format: email }
            minItems: 1
          tone:
            type: string
            enum: [formal, casual]
            default: formal
          words:
            type: integer
            minimum: 50
            maximum: 500
          note: Free text, any type.
        """ + "\n" + Steps;

    private static JsonElement SchemaOf(string yaml) =>
        DeclarativeFiles.Load(("flow.yaml", yaml)).Descriptors.Single().InputSchema!.Value;

    [Fact]
    public void Load_TypedInputs_BecomeTheWorkflowsInputSchema()
    {
        var schema = SchemaOf(Typed);

        var properties = schema.GetProperty("properties");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(["topic"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("email", properties.GetProperty("approvers").GetProperty("items").GetProperty("format").GetString());
        Assert.Equal(["formal", "casual"], properties.GetProperty("tone").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Number, properties.GetProperty("words").GetProperty("maximum").ValueKind);
        Assert.Equal("formal", properties.GetProperty("tone").GetProperty("default").GetString());
        Assert.Equal("Free text, any type.", properties.GetProperty("note").GetProperty("description").GetString());
    }

    [Fact]
    public void Load_OlderInputForm_StillLoadsAsDocumentedOptionalInputs()
    {
        var schema = SchemaOf("name: flow\ninput:\n  topic: What to write about.\n" + Steps);

        Assert.False(schema.TryGetProperty("required", out _));
        Assert.Equal("What to write about.", schema.GetProperty("properties").GetProperty("topic").GetProperty("description").GetString());
        Assert.Empty(WorkflowInputSchema.Validate(schema, JsonDocument.Parse("{}").RootElement));
    }

    [Fact]
    public void Load_UnknownRuleAndTypeInInputs_ReportsBothWithTheirPositions()
    {
        var errors = DeclarativeFiles.Errors(("flow.yaml", "name: flow\ninputs:\n  topic:\n    type: text\n    requird: true\n" + Steps));

        Assert.Contains(errors, e => e.Line == 4 && e.Message.Contains("must be one of string, integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("Unknown rule 'requird'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BothInputAndInputs_IsRefused()
    {
        var errors = DeclarativeFiles.Errors(("flow.yaml", "name: flow\ninput:\n  a: x\ninputs:\n  a: x\n" + Steps));

        Assert.Contains(errors, e => e.Message.Contains("Declare inputs once", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_StartedFromCodeWithABadInput_FailsNamingTheFieldsLikeAStartWould()
    {
        await using var test = await DeclarativeRunHost.StartAsync(new Dictionary<string, string> { ["flow.yaml"] = Typed });

        var done = await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { topic = "", approvers = new[] { "bob" }, words = 9 }));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var message = done.FailureDetails!.ErrorMessage;
        Assert.Contains("approvers[0]: 'bob' is not an email address.", message, StringComparison.Ordinal);
        Assert.Contains("words: 'words' must be at least 50", message, StringComparison.Ordinal);
        Assert.Contains("topic: 'topic' is empty", message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GoodInput_RunsWithTheDeclaredDefaultsFilledIn()
    {
        await using var test = await DeclarativeRunHost.StartAsync(new Dictionary<string, string>
        {
            ["flow.yaml"] = Typed.Replace("\"{{ input.topic }}\"", "\"{{ input.topic }} in a {{ input.tone }} tone\"", StringComparison.Ordinal),
        });

        var done = await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync("flow", new { topic = "Pricing" }));

        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        var history = await test.Client.GetInstanceHistoryAsync(done.InstanceId) ?? [];
        Assert.Contains(history, e => e.Input?.Contains("Pricing in a formal tone", StringComparison.Ordinal) == true);
    }
}
