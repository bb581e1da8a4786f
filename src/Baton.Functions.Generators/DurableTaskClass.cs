namespace Baton.Functions.Generators;

/// <summary>A class marked <c>[DurableTask]</c>: its registered name, its full type name, and whether it is an orchestrator.</summary>
public sealed class DurableTaskClass
{
    /// <summary>Creates the description.</summary>
    public DurableTaskClass(string name, string typeName, bool isOrchestrator, string assemblyName = "")
    {
        AssemblyName = assemblyName;
        Name = name;
        TypeName = typeName;
        IsOrchestrator = isOrchestrator;
    }

    /// <summary>The name the task is registered and started under; the function's name.</summary>
    public string Name { get; }

    /// <summary>The class's full name.</summary>
    public string TypeName { get; }

    /// <summary>The name of the assembly that declares the class.</summary>
    public string AssemblyName { get; }

    /// <summary>True for an orchestrator, false for an activity.</summary>
    public bool IsOrchestrator { get; }
}
