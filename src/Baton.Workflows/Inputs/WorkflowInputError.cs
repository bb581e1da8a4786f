namespace Baton.Workflows;

/// <summary>One thing wrong with a workflow input: where (a JSON path) and what to fix.</summary>
/// <param name="Field">The JSON path of the value at fault, as ASP.NET Core's validation problems write it: <c>$</c> for the
/// whole input, <c>$.topic</c>, <c>$.approvers[1]</c>.</param>
/// <param name="Message">What is wrong and how to fix it, as a sentence for people.</param>
public sealed record WorkflowInputError(string Field, string Message)
{
    /// <summary>The field without the leading <c>$.</c> (<c>approvers[1]</c>), as it reads in a sentence.</summary>
    public string Label => Field is "$" ? "the input" : Field.StartsWith("$.", StringComparison.Ordinal) ? Field[2..] : Field;

    /// <inheritdoc />
    public override string ToString() => $"{Label}: {Message}";
}
