namespace Baton.Agents;

/// <summary>
/// Marks a public method as a tool agents may call, for <c>AddToolsFrom&lt;T&gt;()</c>. The method's
/// <see cref="System.ComponentModel.DescriptionAttribute"/> (and its parameters') is what the model reads; its parameters
/// make the tool's JSON schema (see <c>AIFunctionFactory</c>). Every call runs as one durable tool activity, at least once.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ToolAttribute : Attribute
{
    /// <summary>Marks a tool named after the method in snake_case (<c>CreateInvoice</c> becomes <c>create_invoice</c>).</summary>
    public ToolAttribute()
    {
    }

    /// <summary>Marks a tool named <paramref name="name"/>, as agents list it in <see cref="AgentDefinition.Tools"/>.</summary>
    public ToolAttribute(string name) => Name = name;

    /// <summary>The tool's name, or null for the method's name in snake_case.</summary>
    public string? Name { get; }
}
