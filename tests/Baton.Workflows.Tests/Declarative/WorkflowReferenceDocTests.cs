using System.Text.RegularExpressions;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>docs/workflows.md stays true: every complete workflow file it shows loads as written.</summary>
public sealed partial class WorkflowReferenceDocTests
{
    [GeneratedRegex("```yaml\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [Fact]
    public void Reference_EveryCompleteWorkflowFileItShows_LoadsWithoutErrors()
    {
        var doc = File.ReadAllText(Path.Combine(DeclarativeFiles.RepositoryFolder, "..", "docs", "workflows.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        var files = YamlBlock().Matches(doc).Select(m => m.Groups["body"].Value).Where(b => b.StartsWith("name:", StringComparison.Ordinal)).ToList();

        Assert.True(files.Count >= 2, $"Expected the first file and the worked example in docs/workflows.md; found {files.Count} complete files.");
        foreach (var text in files)
        {
            var catalog = DeclarativeFiles.Load(("doc.yaml", text));
            Assert.Single(catalog.Names);
        }
    }
}
