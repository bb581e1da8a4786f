using System.Collections.Concurrent;
using System.Text.Json;

namespace Baton.Workflows;

/// <summary>
/// The declarative workflows of one folder. At start-up every file loads or none does (see
/// <see cref="DeclarativeWorkflowLoader"/>); afterwards <see cref="Reload"/> (called by the local host when a file
/// changes) replaces the current set file by file: a file with problems keeps its last good version (or is left out
/// when it never had one) and is listed in <see cref="Problems"/>, the others load. Every version ever loaded stays
/// resolvable by its <see cref="WorkflowDefinition.Version"/>, so a run keeps the definition it started with.
/// Thread-safe: readers see one consistent set; reloads are serialized.
/// </summary>
public sealed class DeclarativeWorkflowCatalog
{
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _versions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _reloading = new();
    private readonly Func<IReadOnlyList<(string File, string Text)>>? _read;
    private readonly WorkflowEnvironment? _environment;
    private volatile Snapshot _current;

    internal DeclarativeWorkflowCatalog(IEnumerable<WorkflowDefinition> workflows, WorkflowEnvironment? environment = null, Func<IReadOnlyList<(string File, string Text)>>? read = null)
    {
        _environment = environment;
        _read = read;
        _current = new Snapshot(workflows, []);
        Remember(_current);
    }

    /// <summary>An empty catalog.</summary>
    public static DeclarativeWorkflowCatalog Empty { get; } = new([]);

    /// <summary>Workflow names, sorted.</summary>
    public IReadOnlyList<string> Names => _current.Names;

    /// <summary>
    /// One <see cref="WorkflowCatalog"/> entry per workflow of the current set: started by its name, with a JSON object
    /// that fits the file's declared inputs (any object when it declares none) as input, and run on the
    /// <see cref="WorkflowNames.Declarative"/> orchestrator pinned to the file's current version (see <see cref="WorkflowDescriptor.Start"/>).
    /// </summary>
    public IReadOnlyList<WorkflowDescriptor> Descriptors => _current.Descriptors;

    /// <summary>
    /// The problems found by the last <see cref="Reload"/>, with file, line and column; empty when every file loaded. A
    /// file listed here runs its last good version, if it had one.
    /// </summary>
    public IReadOnlyList<DeclarativeWorkflowError> Problems => _current.Problems;

    /// <summary>Raised after a <see cref="Reload"/> changed the current set or its problems.</summary>
    public event EventHandler<DeclarativeWorkflowReload>? Reloaded;

    /// <summary>True when a workflow of that name (case-insensitive) is in the current set.</summary>
    public bool Contains(string name) => _current.Workflows.ContainsKey(name ?? string.Empty);

    /// <summary>The current version of the workflow named <paramref name="name"/>, or null when there is none.</summary>
    public string? VersionOf(string name) => _current.Workflows.TryGetValue(name ?? string.Empty, out var workflow) ? workflow.Version : null;

    /// <summary>
    /// Reads the folder again and replaces the current set: every file that loads with the others, and for a file with
    /// problems its last good version (or nothing when it never loaded). Never throws for a bad file: its problems are in
    /// the result and in <see cref="Problems"/>. Runs in flight keep the version they started with.
    /// </summary>
    /// <exception cref="InvalidOperationException">The catalog was not loaded from a folder.</exception>
    public DeclarativeWorkflowReload Reload()
    {
        if (_read is null || _environment is null)
        {
            throw new InvalidOperationException("This catalog was not loaded from a folder; load one with DeclarativeWorkflowLoader.Load or services.AddDeclarativeWorkflows(folder).");
        }

        DeclarativeWorkflowReload result;
        lock (_reloading)
        {
            var previous = _current;
            var (workflows, problems) = DeclarativeWorkflowLoader.LoadTolerant(_read(), _environment, previous.Texts);
            var next = new Snapshot(workflows, problems);
            Remember(next);
            var problemsChanged = !previous.Problems.Select(p => p.ToString()).SequenceEqual(problems.Select(p => p.ToString()), StringComparer.Ordinal);
            result = new DeclarativeWorkflowReload(
                [.. next.Names.Where(n => !previous.Workflows.ContainsKey(n))],
                [.. next.Names.Where(n => previous.Workflows.TryGetValue(n, out var old) && old.Version != next.Workflows[n].Version)],
                [.. previous.Names.Where(n => !next.Workflows.ContainsKey(n))],
                problems);
            _current = next;
            if (result.Added.Count + result.Changed.Count + result.Removed.Count == 0 && !problemsChanged)
            {
                return result;
            }
        }

        Reloaded?.Invoke(this, result);

        return result;
    }

    internal WorkflowDefinition Get(string name) =>
        _current.Workflows.TryGetValue(name ?? string.Empty, out var workflow)
            ? workflow
            : throw new WorkflowNotFoundException(name ?? "(null)", Names);

    /// <summary>
    /// The workflow as of <paramref name="version"/> (a run's pinned version), or the current one when
    /// <paramref name="version"/> is null (runs started before versions were pinned) or unknown here and
    /// <see cref="DeclarativeWorkflowOptions.FailRunsOfUnknownVersions"/> is off.
    /// </summary>
    internal WorkflowDefinition Get(string name, string? version)
    {
        if (version is null)
        {
            return Get(name);
        }

        if (_versions.TryGetValue(Key(name, version), out var workflow) || TryLoadKept(name, version, out workflow))
        {
            return workflow;
        }

        return _environment is { Options.FailRunsOfUnknownVersions: false } && _current.Workflows.TryGetValue(name ?? string.Empty, out var current)
            ? current
            : throw new DeclarativeWorkflowVersionNotFoundException(name ?? "(null)", version, VersionOf(name ?? string.Empty));
    }

    private void Remember(Snapshot snapshot)
    {
        foreach (var workflow in snapshot.Workflows.Values)
        {
            if (_versions.TryAdd(Key(workflow.Name, workflow.Version), workflow))
            {
                Keep(workflow);
            }
        }
    }

    /// <summary>Writes a version to <see cref="DeclarativeWorkflowOptions.VersionsFolder"/>, once; content-addressed, so an existing file is that version.</summary>
    private void Keep(WorkflowDefinition workflow)
    {
        if (_environment?.Options.VersionsFolder is not { } folder || workflow.Text is null)
        {
            return;
        }

        var path = KeptPath(folder, workflow.Name, workflow.Version);
        if (path is null || File.Exists(path))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, workflow.Text);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a restart with a changed file needs it; the version stays resolvable in memory meanwhile.
        }
    }

    /// <summary>A version kept by an earlier process, validated against today's agents, tools and workflows.</summary>
    private bool TryLoadKept(string name, string version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkflowDefinition? workflow)
    {
        workflow = null;
        if (_environment?.Options.VersionsFolder is not { } folder || KeptPath(folder, name, version) is not { } path || !File.Exists(path))
        {
            return false;
        }

        // Its sub-workflows may be the other files of the folder; its own name is not a clash.
        var others = Names.Where(n => !string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        var environment = _environment with { Workflows = [.. _environment.Workflows.Union(others, StringComparer.OrdinalIgnoreCase)] };
        // Read as "{name}.yaml", so that a file without 'name' gets its workflow's name, as it did when it was loaded.
        var loaded = DeclarativeWorkflowLoader.LoadTolerant([(Path.Combine(folder, name + ".yaml"), File.ReadAllText(path))], environment, new Dictionary<string, string>());
        workflow = loaded.Workflows.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase) && w.Version == version);
        if (workflow is null)
        {
            return false;
        }

        _versions.TryAdd(Key(name, version), workflow);
        return true;
    }

    private static string? KeptPath(string folder, string name, string version) =>
        name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') && version.All(char.IsAsciiHexDigit)
            ? Path.Combine(folder, $"{name}@{version}.yaml")
            : null;

    private static string Key(string name, string version) => name + "@" + version;

    /// <summary>One consistent set of workflows, with what is derived from it computed once.</summary>
    private sealed class Snapshot
    {
        public Snapshot(IEnumerable<WorkflowDefinition> workflows, IReadOnlyList<DeclarativeWorkflowError> problems)
        {
            Workflows = workflows.ToDictionary(w => w.Name, StringComparer.OrdinalIgnoreCase);
            Problems = problems;
            Names = [.. Workflows.Keys.Order(StringComparer.OrdinalIgnoreCase)];
            Texts = Workflows.Values.Where(w => w.Text is not null).ToDictionary(w => w.File, w => w.Text!, StringComparer.Ordinal);
            Descriptors =
            [
                .. Workflows.Values.OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase).Select(w => new WorkflowDescriptor(
                    w.Name,
                    typeof(JsonElement),
                    typeof(DeclarativeWorkflowOutput),
                    string.IsNullOrWhiteSpace(w.Description) ? $"Declarative workflow from {Path.GetFileName(w.File)}." : w.Description.Trim())
                {
                    IsDeclarative = true,
                    DeclarativeVersion = w.Version,
                    InputSchema = w.InputSchema ?? WorkflowInputSchema.AnyObject,
                }),
            ];
        }

        public Dictionary<string, WorkflowDefinition> Workflows { get; }

        public IReadOnlyList<DeclarativeWorkflowError> Problems { get; }

        public IReadOnlyList<string> Names { get; }

        /// <summary>The text each loaded file had, by path: what a file with problems falls back to on a reload.</summary>
        public IReadOnlyDictionary<string, string> Texts { get; }

        public IReadOnlyList<WorkflowDescriptor> Descriptors { get; }
    }
}
