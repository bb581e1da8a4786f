using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// What <see cref="BatonBuilder"/> registered in one service collection: the workflows (catalog entries with their
/// orchestrator classes) and the other orchestrators and activities. The engine's <see cref="DurableTaskRegistry"/> and
/// the <see cref="WorkflowCatalog"/> are both built from it, so what can be started and what can run never disagree.
/// </summary>
internal sealed class BatonRegistrations
{
    private readonly List<(WorkflowDescriptor Descriptor, Type Orchestrator, bool BuiltIn)> _workflows = [];
    private readonly List<(string Name, Type Type, bool IsOrchestrator, bool BuiltIn)> _tasks = [];

    /// <summary>Every registered workflow, in registration order.</summary>
    public IEnumerable<WorkflowDescriptor> Workflows => _workflows.Select(w => w.Descriptor);

    public void AddWorkflow(WorkflowDescriptor descriptor, Type orchestrator, bool builtIn)
    {
        var same = _workflows.FindIndex(w => string.Equals(w.Descriptor.Name, descriptor.Name, StringComparison.OrdinalIgnoreCase));
        if (same >= 0)
        {
            if (_workflows[same].Orchestrator != orchestrator)
            {
                throw new ArgumentException(
                    $"Workflow '{descriptor.Name}' is registered twice: by {_workflows[same].Orchestrator.FullName} and by {orchestrator.FullName}. " +
                    "Give one of them another [DurableTask(\"name\")].", nameof(descriptor));
            }

            // The same class again (AddWorkflowsFrom and AddWorkflow<T>): the later description wins when it says more.
            if (!string.IsNullOrWhiteSpace(descriptor.Description))
            {
                _workflows[same] = (descriptor, orchestrator, builtIn);
            }

            return;
        }

        AddTask(descriptor.Name, orchestrator, isOrchestrator: true, builtIn);
        _workflows.Add((descriptor, orchestrator, builtIn));
    }

    public void AddTask(string name, Type type, bool isOrchestrator, bool builtIn)
    {
        var same = _tasks.FindIndex(t => t.IsOrchestrator == isOrchestrator && string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        if (same >= 0)
        {
            if (_tasks[same].Type != type)
            {
                throw new ArgumentException(
                    $"{(isOrchestrator ? "Orchestrator" : "Activity")} '{name}' is registered twice: by {_tasks[same].Type.FullName} and by {type.FullName}. " +
                    "Give one of them another [DurableTask(\"name\")].", nameof(name));
            }

            return;
        }

        _tasks.Add((name, type, isOrchestrator, builtIn));
    }

    /// <summary>
    /// Registers every orchestrator and activity on <paramref name="registry"/>. A built-in already there (from
    /// <c>registry.AddBatonWorkflows()</c>) is left alone; one of the application's that clashes with a name already
    /// registered fails with a message naming both.
    /// </summary>
    public void ApplyTo(DurableTaskRegistry registry)
    {
        foreach (var (name, type, isOrchestrator, builtIn) in _tasks)
        {
            var present = isOrchestrator ? registry.HasOrchestrator(name) : registry.HasActivity(name);
            if (present && builtIn)
            {
                continue;
            }

            if (present)
            {
                throw new InvalidOperationException(
                    $"{(isOrchestrator ? "Orchestrator" : "Activity")} '{name}' of {type.FullName} clashes with one already registered under that name. " +
                    "Give it another [DurableTask(\"name\")].");
            }

            if (isOrchestrator)
            {
                registry.AddOrchestrator(name, type);
            }
            else
            {
                registry.AddActivity(name, type);
            }
        }

        registry.AddBatonWorkflows();
    }
}
