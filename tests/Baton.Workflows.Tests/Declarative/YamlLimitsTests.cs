namespace Baton.Workflows.Tests.Declarative;

/// <summary>Workflow files that would exhaust memory or time are refused with a message, before anything walks them.</summary>
public sealed class YamlLimitsTests
{
    [Fact]
    public void Load_AliasBomb_IsRefusedWithItsMessage_InsteadOfExhaustingMemory()
    {
        // "Billion laughs": nine levels of nine aliases, a few hundred bytes that expand to 9^9 nodes.
        var levels = new List<string> { "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            levels.Add($"{c}: &{c} [{string.Join(",", Enumerable.Repeat("*" + previous, 9))}]");
        }

        var bomb = DeclarativeFiles.Lines(["name: bomb", .. levels, "steps: *i"]);
        Assert.InRange(bomb.Length, 300, 700);

        var errors = DeclarativeFiles.Errors(("bomb.yaml", bomb));

        var error = Assert.Single(errors);
        Assert.Contains("aliases expand to more than", error.Message, StringComparison.Ordinal);
        Assert.Equal("bomb.yaml", error.File);
    }

    [Fact]
    public void Load_FileOverTheSizeLimit_IsRefusedWithItsMessage()
    {
        var huge = "name: huge\ndescription: \"" + new string('x', YamlLimits.MaxFileChars) + "\"\nsteps: []\n";

        var error = Assert.Single(DeclarativeFiles.Errors(("huge.yaml", huge)));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FewAliases_AreAccepted()
    {
        Assert.Null(YamlLimits.Check("defaults: &d {timeout: 5m}\nsteps:\n  - name: a\n    retry: *d\n"));
    }
}
