using System.Text.Json;
using Baton.Workflows;

namespace Baton.Http.Tests.Starting;

public sealed class StartRequestValidatorTests
{
    private static readonly WorkflowDescriptor Research = new WorkflowCatalog(WorkflowCatalog.BuiltIn).Get(WorkflowNames.ResearchReport);

    private static (int Status, string Field, string Detail) Problem(HttpReply? reply)
    {
        Assert.NotNull(reply);
        Assert.Equal(HttpReply.ProblemJson, reply.ContentType);
        using var body = JsonDocument.Parse(reply.Body!);
        return (reply.StatusCode, body.RootElement.GetProperty("field").GetString()!, body.RootElement.GetProperty("detail").GetString()!);
    }

    [Fact]
    public void Read_ValidBody_ReturnsTheTypedInput()
    {
        var input = StartRequestValidator.Read(Research, "{\"Topic\":\"Pricing\",\"approvers\":[\"a@b.c\"],\"maxRevisions\":2,\"onApprovalTimeout\":\"approve\"}", out var problem);

        Assert.Null(problem);
        var typed = Assert.IsType<ResearchReportInput>(input);
        Assert.Equal("Pricing", typed.Topic);
        Assert.Equal(2, typed.MaxRevisions);
        Assert.Equal(Baton.Agents.ApprovalTimeoutAction.Approve, typed.OnApprovalTimeout);
    }

    [Fact]
    public void Read_NotJson_400SayingWhere()
    {
        StartRequestValidator.Read(Research, "{\"topic\": nope}", out var reply);

        var (status, _, detail) = Problem(reply);
        Assert.Equal(400, status);
        Assert.Contains("not JSON", detail, StringComparison.Ordinal);
        Assert.Contains("line 1", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingRequiredMember_400NamingIt()
    {
        StartRequestValidator.Read(Research, "{\"topic\":\"Pricing\"}", out var reply);

        var (status, field, detail) = Problem(reply);
        Assert.Equal(400, status);
        Assert.Equal("$.approvers", field);
        Assert.Contains("'approvers' is required", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongType_400NamingThePath()
    {
        StartRequestValidator.Read(Research, "{\"topic\":\"Pricing\",\"approvers\":[\"a@example.com\"],\"maxRevisions\":\"many\"}", out var reply);

        var (status, field, _) = Problem(reply);
        Assert.Equal(400, status);
        Assert.Equal("$.maxRevisions", field);
    }

    [Fact]
    public void Read_NullForNonNullableMember_400NamingIt()
    {
        StartRequestValidator.Read(Research, "{\"topic\":null,\"approvers\":[\"a@example.com\"]}", out var reply);

        var (_, field, _) = Problem(reply);
        Assert.Equal("$.topic", field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    public void Read_EmptyOrNotAnObject_400AtTheRoot(string body)
    {
        StartRequestValidator.Read(Research, body, out var reply);

        Assert.Equal("$", Problem(reply).Field);
    }
}
