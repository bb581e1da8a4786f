using Baton.Durable;
using Microsoft.Extensions.Options;

namespace Baton.Functions.Hosting;

/// <summary>
/// Fails the Functions app's start when an orchestrator or activity is registered (<c>services.AddBaton(b =&gt; ...)</c>,
/// <c>AddWorkflowsFrom</c>, or the registry itself) without a function of its name: on Durable Functions such a task
/// is found only when a run calls it, and that run then fails ("function not found") or stays Pending. One message
/// lists every such registration and what to do. Functions without a registration are left alone: they fail by name
/// with the list of registered tasks if anything calls them.
/// </summary>
internal sealed class RegisteredFunctionsValidation(DurableFunctionNames functions) : IValidateOptions<DurableTaskRegistry>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DurableTaskRegistry options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var missing = options.OrchestratorNames
            .Where(n => !functions.Orchestrators.Contains(n))
            .Select(n => Describe("orchestrator", n, options.GetOrchestratorType(n), functions.Activities.Contains(n)))
            .Concat(options.ActivityNames
                .Where(n => !functions.Activities.Contains(n))
                .Select(n => Describe("activity", n, options.GetActivityType(n), functions.Orchestrators.Contains(n))))
            .ToList();
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(Message(missing));
    }

    private static string Describe(string kind, string name, Type? type, bool functionIsOtherKind)
    {
        var registered = type is null
            ? "registered as a factory or function, not a class"
            : $"{type.FullName}, assembly {type.Assembly.GetName().Name}";
        var clash = functionIsOtherKind
            ? $"; the function '{name}' is taken by an {(kind == "activity" ? "orchestrator" : "activity")} of that name: function names are shared by both kinds, give one of them another [DurableTask(\"name\")]"
            : string.Empty;
        return $"  - {kind} '{name}' ({registered}){clash}";
    }

    private static string Message(IReadOnlyList<string> missing) =>
        $"The Functions app has no function for {(missing.Count == 1 ? "this registration" : $"these {missing.Count} registrations")}; runs that call them " +
        "would fail with \"function not found\" or stay Pending:\n" +
        string.Join("\n", missing) + "\n" +
        "Azure Functions runs only the orchestrator and activity functions Baton.Functions.Generators writes at build time, one " +
        "per concrete [DurableTask(\"name\")] class of the Functions project and of the assemblies it references. For each " +
        "registration above: mark its class [DurableTask(\"name\")] and reference its project or package from " +
        "src/Baton.Functions (an assembly loaded at run time, from a path or a plug-in folder, gets no function); a task " +
        "registered as a factory or function needs such a class instead.";
}
