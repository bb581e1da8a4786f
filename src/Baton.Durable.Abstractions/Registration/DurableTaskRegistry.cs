using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Durable;

/// <summary>
/// The orchestrators and activities a worker can run, by name. Classes are created from the service provider
/// for each execution; functions are wrapped. Names are unique, case-insensitively, within each kind.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities = [];
    private readonly Dictionary<TaskName, Type> _orchestratorTypes = [];
    private readonly Dictionary<TaskName, Type> _activityTypes = [];

    /// <summary>Registered orchestrator names, sorted.</summary>
    public IReadOnlyList<string> OrchestratorNames => [.. _orchestrators.Keys.Select(k => k.Name).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Registered activity names, sorted.</summary>
    public IReadOnlyList<string> ActivityNames => [.. _activities.Keys.Select(k => k.Name).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The name a class registers under: its <see cref="DurableTaskAttribute"/>, else its type name.</summary>
    public static TaskName GetTaskName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.GetCustomAttribute<DurableTaskAttribute>()?.Name ?? type.Name;
    }

    /// <summary>Registers an orchestrator class under its name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>() where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(GetTaskName(typeof(TOrchestrator)), typeof(TOrchestrator));

    /// <summary>Registers an orchestrator class under an explicit name.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Type orchestratorType)
    {
        RequireImplements<ITaskOrchestrator>(orchestratorType);
        AddOrchestrator(name, sp => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(sp, orchestratorType));
        _orchestratorTypes[name] = orchestratorType;
        return this;
    }

    /// <summary>Registers an orchestrator created by a factory.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered. Give each orchestrator a unique name.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator function with typed input and output.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(orchestrator));
    }

    /// <summary>Registers an orchestrator function with typed input and no output.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task> orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        return AddOrchestratorFunc<TInput, object?>(name, async (context, input) =>
        {
            await orchestrator(context, input);
            return null;
        });
    }

    /// <summary>Registers an activity class under its name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>() where TActivity : class, ITaskActivity =>
        AddActivity(GetTaskName(typeof(TActivity)), typeof(TActivity));

    /// <summary>Registers an activity class under an explicit name.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Type activityType)
    {
        RequireImplements<ITaskActivity>(activityType);
        AddActivity(name, sp => (ITaskActivity)ActivatorUtilities.CreateInstance(sp, activityType));
        _activityTypes[name] = activityType;
        return this;
    }

    /// <summary>Registers an activity created by a factory.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered. Give each activity a unique name.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an asynchronous activity function with typed input and output.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivity(name, _ => new FuncActivity<TInput, TOutput>(activity));
    }

    /// <summary>Registers a synchronous activity function with typed input and output.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return AddActivityFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(activity(context, input)));
    }

    /// <summary>Creates the orchestrator registered under <paramref name="name"/>, or answers false.</summary>
    public bool TryCreateOrchestrator(TaskName name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    /// <summary>Creates the activity registered under <paramref name="name"/>, or answers false.</summary>
    public bool TryCreateActivity(TaskName name, IServiceProvider services, out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(name, out var factory) ? factory(services) : null;
        return activity is not null;
    }

    /// <summary>True when an orchestrator is registered under <paramref name="name"/>.</summary>
    public bool HasOrchestrator(TaskName name) => _orchestrators.ContainsKey(name);

    /// <summary>True when an activity is registered under <paramref name="name"/>.</summary>
    public bool HasActivity(TaskName name) => _activities.ContainsKey(name);

    /// <summary>The class registered as orchestrator <paramref name="name"/>; null when none is, or it was registered as a factory or function.</summary>
    public Type? GetOrchestratorType(TaskName name) => _orchestratorTypes.GetValueOrDefault(name);

    /// <summary>The class registered as activity <paramref name="name"/>; null when none is, or it was registered as a factory or function.</summary>
    public Type? GetActivityType(TaskName name) => _activityTypes.GetValueOrDefault(name);

    private static void RequireImplements<T>(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(T).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"Type '{type.FullName}' must be a concrete class implementing {typeof(T).Name}.", nameof(type));
        }
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
