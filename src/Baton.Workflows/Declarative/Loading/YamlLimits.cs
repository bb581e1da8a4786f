using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Baton.Workflows;

/// <summary>
/// Limits a workflow file must keep before it is loaded: its size, and how many nodes it holds once its aliases are
/// expanded. An alias repeats the node its anchor names, so a few hundred bytes of nested aliases ("billion laughs")
/// expand to billions of nodes when the file is walked; the expansion is counted on the parser's events, in one
/// linear pass, without building anything.
/// </summary>
internal static class YamlLimits
{
    /// <summary>The largest workflow file read: 1 MB.</summary>
    public const int MaxFileChars = 1024 * 1024;

    /// <summary>The most nodes a file may hold with its aliases expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>What is wrong with <paramref name="text"/> as a workflow file, or null when it keeps the limits (or is not YAML: the parser says so later).</summary>
    public static (string Message, int Line, int Column)? Check(string text)
    {
        if (text.Length > MaxFileChars)
        {
            return ($"The file is larger than {MaxFileChars / 1024} KB; a workflow file is far smaller. Split it or remove what it does not need.", 1, 1);
        }

        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(long Nodes, string? Anchor)>();
        long total = 0;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                long? completed = null;
                string? anchor = null;
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        completed = anchors.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                    case Scalar scalar:
                        completed = 1;
                        anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                        break;
                    case MappingStart mapping:
                        open.Push((1, mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value));
                        break;
                    case SequenceStart sequence:
                        open.Push((1, sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value));
                        break;
                    case MappingEnd or SequenceEnd when open.Count > 0:
                        (completed, anchor) = open.Pop();
                        break;
                }

                if (completed is not { } nodes)
                {
                    continue;
                }

                if (anchor is not null)
                {
                    anchors[anchor] = nodes;
                }

                if (open.Count > 0)
                {
                    var (parent, parentAnchor) = open.Pop();
                    open.Push((parent + nodes, parentAnchor));
                }
                else
                {
                    total += nodes;
                }

                // Every node is checked as it completes, before it is added to its parent, so no count ever grows far
                // beyond the limit.
                if (nodes > MaxExpandedNodes || total > MaxExpandedNodes)
                {
                    var at = parser.Current!.Start;
                    return ($"The file's aliases expand to more than {MaxExpandedNodes:N0} nodes. Write the repeated parts out, or use fewer nested aliases.", (int)at.Line, (int)at.Column);
                }
            }
        }
        catch (YamlException)
        {
            // Not valid YAML: the parser reports it with its position when the file is loaded.
        }

        return null;
    }
}
