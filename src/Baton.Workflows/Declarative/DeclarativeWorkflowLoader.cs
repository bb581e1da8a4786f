using Baton.Agents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Workflows;

/// <summary>
/// Loads the <c>*.yaml</c> and <c>*.yml</c> files of a folder as declarative workflows. Everything is validated up
/// front (shape, kinds, agents, tools, sub-workflows and their cycles, references between steps, switch fields,
/// webhook allow-list) and every problem is reported at once, with file, line, column and step, by a
/// <see cref="DeclarativeWorkflowException"/>; a folder with any problem loads nothing.
/// </summary>
/// <remarks>
/// A file has <c>name</c> (default: the file name), <c>description</c>, <c>input</c> (documentation only),
/// <c>steps</c>, <c>compensations</c> and <c>output</c> (a mapping of values; every step's output when absent).
/// Every step has <c>name</c> and <c>kind</c>, and may have <c>when</c> (a condition), <c>timeout</c>, <c>retry</c>
/// (<c>maxAttempts</c>, <c>delay</c>, <c>backoff</c>, <c>maxDelay</c>) and <c>compensate</c> (a step under
/// <c>compensations</c>). Kinds: <c>agent</c> (<c>agent</c>, <c>prompt</c>, <c>approvers</c>, <c>approvalTimeout</c>,
/// <c>maxTurns</c>; output <c>text</c>, <c>output</c>, <c>toolCalls</c>), <c>tool</c> (<c>tool</c>, <c>arguments</c>),
/// <c>activity</c> (<c>activity</c>, <c>input</c>), <c>parallel</c> (<c>branches</c>, <c>maxConcurrency</c>,
/// <c>minSucceeded</c>, <c>collect</c>), <c>switch</c> (<c>on</c>, <c>cases</c>, <c>default</c>), <c>loop</c>
/// (<c>steps</c>, <c>until</c>, <c>maxIterations</c>), <c>approval</c> (<c>title</c>, <c>approvers</c>,
/// <c>details</c>, <c>timeout</c>, <c>reminder</c>, <c>maxReminders</c>, <c>default</c>: approve, reject or fail),
/// <c>workflow</c> (<c>workflow</c>, <c>input</c>) and <c>webhook</c> (<c>url</c>, <c>method</c>, <c>headers</c>,
/// <c>body</c>). Values read earlier outputs as <c>{{ step.field }}</c>, <c>{{ input.field }}</c>,
/// <c>{{ json x }}</c>, <c>{{ join x }}</c>, <c>{{ bullets x }}</c> and <c>{{ a ?? b ?? 'default' }}</c>.
/// </remarks>
public static class DeclarativeWorkflowLoader
{
    /// <summary>Loads and validates every workflow file of <see cref="DeclarativeWorkflowOptions.Folder"/>; an absent folder loads none.</summary>
    /// <param name="options">The folder and the webhook allow-list.</param>
    /// <param name="agents">The agents steps may name.</param>
    /// <param name="tools">The tools tool steps may name.</param>
    /// <param name="workflows">The C# workflows workflow steps may name besides the loaded ones.</param>
    public static DeclarativeWorkflowCatalog Load(DeclarativeWorkflowOptions options, AgentCatalog agents, ToolCatalog tools, IEnumerable<string> workflows)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(workflows);
        var folder = options.Folder;
        return Load(ReadFolder(folder), new WorkflowEnvironment(agents, tools, [.. workflows], options), () => ReadFolder(folder));
    }

    /// <summary>
    /// The workflow names the files of <paramref name="folder"/> declare (their <c>name</c>, else the file name), read
    /// without validating, so that they can be registered before services exist. Unreadable files are skipped here;
    /// <see cref="Load(DeclarativeWorkflowOptions, AgentCatalog, ToolCatalog, IEnumerable{string})"/> reports them.
    /// </summary>
    public static IReadOnlyList<string> ReadNames(string folder)
    {
        var names = new List<string>();
        foreach (var file in Files(folder))
        {
            try
            {
                var text = ReadLimited(file);
                if (YamlLimits.Check(text) is not null)
                {
                    // Reported by Load.
                    names.Add(Path.GetFileNameWithoutExtension(file));
                    continue;
                }

                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                var name = stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
                    && root.Children.TryGetValue(new YamlScalarNode("name"), out var node) && node is YamlScalarNode { Value: { Length: > 0 } value }
                    ? value
                    : Path.GetFileNameWithoutExtension(file);
                names.Add(name);
            }
            catch (YamlException)
            {
                // Reported with its position by Load.
            }
        }

        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    internal static DeclarativeWorkflowCatalog Load(
        IReadOnlyList<(string File, string Text)> files,
        WorkflowEnvironment environment,
        Func<IReadOnlyList<(string File, string Text)>>? read = null)
    {
        var (parsed, errors) = Parse(files, environment);
        if (errors.Count > 0)
        {
            throw new DeclarativeWorkflowException(errors);
        }

        return new DeclarativeWorkflowCatalog(parsed, environment, read ?? (() => files));
    }

    /// <summary>
    /// Loads what can be loaded of <paramref name="files"/>: a file with problems falls back to its text in
    /// <paramref name="lastGood"/> when it has one, else is left out, and the rest is validated again without it (another
    /// file may have referred to it), until what remains loads. Returns every problem found on the way.
    /// </summary>
    internal static (IReadOnlyList<WorkflowDefinition> Workflows, IReadOnlyList<DeclarativeWorkflowError> Problems) LoadTolerant(
        IReadOnlyList<(string File, string Text)> files,
        WorkflowEnvironment environment,
        IReadOnlyDictionary<string, string> lastGood)
    {
        var candidate = files.ToDictionary(f => f.File, f => f.Text, StringComparer.Ordinal);
        var problems = new List<DeclarativeWorkflowError>();
        for (var pass = 0; pass <= files.Count; pass++)
        {
            var (parsed, errors) = Parse([.. candidate.Select(c => (c.Key, c.Value))], environment);
            if (errors.Count == 0)
            {
                return (parsed, [.. problems.DistinctBy(p => p.ToString()).OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)]);
            }

            problems.AddRange(errors);
            foreach (var file in errors.Select(e => e.File).Distinct(StringComparer.Ordinal))
            {
                if (lastGood.TryGetValue(file, out var good) && candidate.TryGetValue(file, out var text) && !string.Equals(text, good, StringComparison.Ordinal))
                {
                    candidate[file] = good;
                }
                else
                {
                    candidate.Remove(file);
                }
            }
        }

        return ([], [.. problems.DistinctBy(p => p.ToString())]);
    }

    private static (List<WorkflowDefinition> Workflows, List<DeclarativeWorkflowError> Errors) Parse(IReadOnlyList<(string File, string Text)> files, WorkflowEnvironment environment)
    {
        var errors = new List<DeclarativeWorkflowError>();
        var parsed = new List<WorkflowDefinition>();
        foreach (var (file, text) in files)
        {
            if (new WorkflowFileParser(file, errors).Parse(text) is { } workflow)
            {
                parsed.Add(workflow);
            }
        }

        new WorkflowValidator(environment, errors).Validate(parsed);
        return (parsed, [.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)]);
    }

    private static List<(string File, string Text)> ReadFolder(string folder) => [.. Files(folder).Select(f => (f, ReadLimited(f)))];

    /// <summary>Reads a file, but never more than one character beyond <see cref="YamlLimits.MaxFileChars"/>: enough to tell that it is too large.</summary>
    private static string ReadLimited(string file)
    {
        using var reader = new StreamReader(file);
        var buffer = new char[YamlLimits.MaxFileChars + 1];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : [];
}
