using System.Text.Json;
using Baton.Workflows;

namespace Baton.Http.Tests.Starting;

/// <summary>
/// A start is judged by the workflow's own input rules before anything is scheduled: 400 in the ValidationProblemDetails
/// shape, every field at fault under <c>errors</c> by JSON path, and a <c>detail</c> that names them.
/// </summary>
public sealed class StartValidationTests
{
    private static readonly WorkflowCatalog Catalog = new(WorkflowCatalog.BuiltIn);

    private static Dictionary<string, string[]> Errors(string workflow, string body, out string detail)
    {
        var reply = WorkflowStartApi.Prepare(Catalog, workflow, null, body, out _, out _);
        Assert.NotNull(reply);
        Assert.Equal(400, reply.StatusCode);
        Assert.Equal(HttpReply.ProblemJson, reply.ContentType);
        using var document = JsonDocument.Parse(reply.Body!);
        detail = document.RootElement.GetProperty("detail").GetString()!;
        return document.RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    [Fact]
    public void Prepare_ApproverNotAnEmailAddress_400NamingTheItem()
    {
        var errors = Errors(WorkflowNames.ResearchReport, """{"topic":"Pricing","approvers":["ann@example.com","bob"]}""", out var detail);

        var message = Assert.Single(errors["$.approvers[1]"]);
        Assert.Equal("'bob' is not an email address.", message);
        Assert.Single(errors);
        Assert.Contains("research-report", detail, StringComparison.Ordinal);
        Assert.Contains("approvers[1]", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_NoApprovers_400SayingAtLeastOne()
    {
        var errors = Errors(WorkflowNames.SupportTriage, """{"customer":"c","subject":"s","message":"m","approvers":[]}""", out _);

        Assert.Contains("at least 1 item", Assert.Single(errors["$.approvers"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_EmptyReviewers_400InsteadOfApprovingWithNobody()
    {
        var errors = Errors(WorkflowNames.ParallelReview, """{"title":"t","document":"d","reviewers":[]}""", out _);

        Assert.Contains("'reviewers' is empty", Assert.Single(errors["$.reviewers"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_MinimumAnswersAboveTheReviewers_400FromTheWorkflowsOwnRule()
    {
        var errors = Errors(WorkflowNames.ParallelReview, """{"title":"t","document":"d","reviewers":["legal-reviewer"],"minimumAnswers":2}""", out _);

        Assert.Contains("between 1 and 1", Assert.Single(errors["$.minimumAnswers"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_EnumOutOfRange_400ListingTheChoices()
    {
        var errors = Errors(WorkflowNames.SupportTriage, """{"customer":"c","subject":"s","message":"m","approvers":["a@example.com"],"escalateAtUrgency":"Apocalyptic"}""", out _);

        var message = Assert.Single(errors["$.escalateAtUrgency"]);
        Assert.Contains("Low, Normal, High, Critical", message.Replace("'", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Apocalyptic", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_EnumInAnotherCase_IsAcceptedAsBefore()
    {
        var reply = WorkflowStartApi.Prepare(
            Catalog, WorkflowNames.SupportTriage, null, """{"Customer":"c","subject":"s","message":"m","approvers":["a@example.com"],"escalateAtUrgency":"critical"}""", out _, out var input);

        Assert.Null(reply);
        Assert.Equal(TicketUrgency.Critical, Assert.IsType<SupportTriageInput>(input).EscalateAtUrgency);
    }

    [Theory]
    [InlineData("""{"customer":"c","subject":"s","message":"m","approvers":["a@example.com"],"minimumConfidence":1.5}""", "$.minimumConfidence", "at most 1")]
    [InlineData("""{"title":"t","brief":"b","approvers":["a@example.com"],"maxRounds":0}""", "$.maxRounds", "at least 1")]
    [InlineData("""{"title":"t","brief":"b","approvers":["a@example.com"],"signOffTimeout":"-1.00:00:00"}""", "$.signOffTimeout", "positive duration")]
    public void Prepare_NumberOrDurationOutOfRange_400NamingTheField(string body, string field, string expected)
    {
        var workflow = body.Contains("brief", StringComparison.Ordinal) ? WorkflowNames.DocumentSignoff : WorkflowNames.SupportTriage;

        var errors = Errors(workflow, body, out _);

        Assert.Contains(expected, Assert.Single(errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_SeveralProblems_400ListsEveryOne()
    {
        var errors = Errors(WorkflowNames.ResearchReport, """{"approvers":"ann@example.com","maxRevisions":"many"}""", out var detail);

        Assert.Contains("'topic' is required", Assert.Single(errors["$.topic"]), StringComparison.Ordinal);
        Assert.Equal("'approvers' must be an array, not a string.", Assert.Single(errors["$.approvers"]));
        Assert.Equal("'maxRevisions' must be an integer, not a string.", Assert.Single(errors["$.maxRevisions"]));
        Assert.Contains("topic", detail, StringComparison.Ordinal);
        Assert.Contains("maxRevisions", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_BlankTopic_400FromTheWorkflowsOwnRule()
    {
        var errors = Errors(WorkflowNames.ResearchReport, """{"topic":"   ","approvers":["ann@example.com"]}""", out _);

        Assert.Contains("'topic' is empty", Assert.Single(errors["$.topic"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_DeclaredInputs_400NamingTheFieldAndDefaultsFilledIn()
    {
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{
              "topic":{"type":"string","minLength":1},
              "depth":{"type":"integer","minimum":1,"maximum":3,"default":2},
              "tone":{"type":"string","enum":["formal","casual"]}},
             "required":["topic"]}
            """).RootElement.Clone();
        var declared = new WorkflowDescriptor("brief-yaml", typeof(JsonElement), typeof(JsonElement), "d") { IsDeclarative = true, InputSchema = schema };
        var catalog = new WorkflowCatalog([declared]);

        var bad = WorkflowStartApi.Prepare(catalog, "brief-yaml", null, """{"depth":7,"tone":"Formal"}""", out _, out _);
        var good = WorkflowStartApi.Prepare(catalog, "brief-yaml", null, """{"topic":"x"}""", out _, out var input);

        using var problem = JsonDocument.Parse(bad!.Body!);
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["$.depth", "$.tone", "$.topic"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("at most 3", errors.GetProperty("$.depth")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(good);
        Assert.Equal(2, ((JsonElement)input!).GetProperty("depth").GetInt32());
    }

    [Fact]
    public void Validator_SameRulesInsideTheWorkflow_ThrowsNamingTheField()
    {
        var input = new ResearchReportInput("Pricing", ["ann@example.com", "bob"]);

        var error = Assert.Throws<WorkflowInputException>(() => ResearchReportInputValidator.Instance.ThrowIfInvalid(input));

        Assert.Equal("$.approvers[1]", Assert.Single(error.Errors).Field);
        Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bob' is not an email address", error.Message, StringComparison.Ordinal);
    }
}
