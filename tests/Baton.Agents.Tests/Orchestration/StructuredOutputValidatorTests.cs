using System.ComponentModel.DataAnnotations;

namespace Baton.Agents.Tests.Orchestration;

public sealed class StructuredOutputValidatorTests
{
    [Fact]
    public void TryValidate_ValidAnswerInACodeFence_GivesTheJson()
    {
        var valid = StructuredOutputValidator.TryValidate(
            "```json\n{\"kind\":\"Bug\",\"score\":0.5,\"title\":\"Crash\",\"reporter\":\"a@example.com\",\"tags\":[\"ui\"]}\n```",
            typeof(Triage),
            out var json,
            out var error);

        Assert.True(valid, error);
        Assert.StartsWith("{\"kind\":\"Bug\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\":\"Bug\",\"score\":1.5,\"title\":\"Crash\",\"reporter\":\"a@example.com\",\"tags\":[]}", "/score")]
    [InlineData("{\"kind\":\"Feature\",\"score\":0.5,\"title\":\"Crash\",\"reporter\":\"a@example.com\",\"tags\":[]}", "/kind")]
    [InlineData("{\"kind\":\"Bug\",\"score\":0.5,\"reporter\":\"a@example.com\",\"tags\":[]}", "title")]
    [InlineData("{\"kind\":\"Bug\",\"score\":0.5,\"title\":\"Crash\",\"reporter\":\"not an address\",\"tags\":[]}", "/reporter")]
    [InlineData("{\"kind\":\"Bug\",\"score\":0.5,\"title\":\"\",\"reporter\":\"a@example.com\",\"tags\":[]}", "/title")]
    public void TryValidate_AnswerOutsideTheSchema_SaysWhereAndWhat(string answer, string where)
    {
        var valid = StructuredOutputValidator.TryValidate(answer, typeof(Triage), out var json, out var error);

        Assert.False(valid);
        Assert.Null(json);
        Assert.StartsWith("The answer does not match the JSON schema of Triage: ", error, StringComparison.Ordinal);
        Assert.Contains(where, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaErrors_SeveralProblems_ListsEachOnce()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"kind\":\"Feature\",\"score\":-1,\"title\":\"x\",\"reporter\":\"a@example.com\",\"tags\":[]}");

        var errors = StructuredOutputValidator.SchemaErrors(typeof(Triage), document.RootElement);

        Assert.Contains(errors, e => e.StartsWith("/kind:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/score:", StringComparison.Ordinal));
        Assert.Equal(errors.Count, errors.Distinct(StringComparer.Ordinal).Count());
    }

    public enum Kind
    {
        Bug,
        Question,
    }

    public sealed record Triage(
        Kind Kind,
        [property: Range(0.0, 1.0)] double Score,
        [property: MinLength(1)] string Title,
        [property: EmailAddress] string Reporter,
        IReadOnlyList<string> Tags);
}
