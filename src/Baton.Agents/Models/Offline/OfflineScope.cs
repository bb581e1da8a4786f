namespace Baton.Agents;

/// <summary>
/// Where the offline model is while it writes a JSON value: the fact an array item stands for, and the choices made
/// so far in the enclosing objects (so that a confidence or a reason can follow the category beside it).
/// </summary>
internal sealed class OfflineScope(OfflineScope? parent, OfflineFact? fact, string? arrayName, int index)
{
    public OfflineScope? Parent { get; } = parent;

    /// <summary>The fact this object or item stands for, if any.</summary>
    public OfflineFact? Fact { get; } = fact;

    /// <summary>The array this item is in, if any.</summary>
    public string? ArrayName { get; } = arrayName;

    public int Index { get; } = index;

    public List<(string Name, OfflineChoice Choice)> Choices { get; } = [];

    /// <summary>The choices of this scope, else of the nearest enclosing scope that made any.</summary>
    public IReadOnlyList<(string Name, OfflineChoice Choice)> NearestChoices()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.Choices.Count > 0)
            {
                return scope.Choices;
            }
        }

        return [];
    }

    /// <summary>Records a choice in the nearest object scope (items share their object's list).</summary>
    public void Add(string name, OfflineChoice choice) => Choices.Add((name, choice));
}
