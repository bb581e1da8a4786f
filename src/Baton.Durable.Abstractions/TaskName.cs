namespace Baton.Durable;

/// <summary>
/// The name of an orchestrator or activity, as it is registered and recorded in history.
/// Names are compared ordinally and case-insensitively, like Durable Functions' function names.
/// </summary>
public readonly record struct TaskName
{
    /// <summary>Creates a task name.</summary>
    /// <param name="name">The registered name; must not be empty.</param>
    public TaskName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The registered name.</summary>
    public string Name { get; }

    /// <summary>Converts a string to a task name.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <inheritdoc />
    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;
}
