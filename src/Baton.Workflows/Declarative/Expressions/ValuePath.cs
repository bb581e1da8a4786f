namespace Baton.Workflows;

/// <summary>
/// A dotted reference to a value: <c>input.topic</c>, <c>analysis.output.findings.0</c>, <c>loop.iteration</c>. The first
/// segment names a step's output or a reserved root; the rest walks into it (numbers index arrays).
/// </summary>
internal sealed record ValuePath(IReadOnlyList<string> Segments, string Text)
{
    /// <summary>Roots that are not step names.</summary>
    public static readonly IReadOnlySet<string> ReservedRoots = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "input", "workflow", "loop", "branch", "compensating",
    };

    public string Root => Segments[0];

    public static bool TryParse(string text, out ValuePath? path)
    {
        path = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }

        var segments = trimmed.Split('.');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || !segment.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        if (!char.IsLetter(segments[0][0]))
        {
            return false;
        }

        path = new ValuePath(segments, trimmed);
        return true;
    }

    public override string ToString() => Text;
}
