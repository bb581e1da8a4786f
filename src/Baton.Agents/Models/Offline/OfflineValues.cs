namespace Baton.Agents;

/// <summary>What the offline model puts in a JSON value, field by field; see <see cref="OfflineJsonWriter"/>.</summary>
internal abstract class OfflineValues
{
    /// <summary>When true, a schema's "default" is written as is (tool parameters).</summary>
    public virtual bool UseDefaults => false;

    public abstract string Text(string name, OfflineScope scope);

    public abstract OfflineChoice Choose(string name, IReadOnlyList<string> values, OfflineScope scope);

    public abstract double Number(string name, double? low, double? high, bool integer, OfflineScope scope);

    /// <summary>How many items the array <paramref name="name"/> gets (the schema's bounds are applied after).</summary>
    public virtual int Count(string name, bool objects, OfflineScope scope) => 2;

    /// <summary>The scope of item <paramref name="index"/> of the array <paramref name="name"/>.</summary>
    public virtual OfflineScope Item(OfflineScope parent, string name, int index) => new(parent, parent.Fact, name, index);

    /// <summary>A number within bounds: the middle of two bounds, else the preferred value moved inside the one bound.</summary>
    protected static double Within(double? low, double? high, double preferred) => (low, high) switch
    {
        ({ } l, { } h) => l + ((h - l) / 2),
        ({ } l, null) => Math.Max(l, preferred),
        (null, { } h) => Math.Min(h, preferred),
        _ => preferred,
    };

    protected static bool Has(string key, params string[] parts) => parts.Any(p => key.Contains(p, StringComparison.Ordinal));
}
