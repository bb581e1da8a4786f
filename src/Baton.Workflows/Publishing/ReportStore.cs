using Baton.Agents;

namespace Baton.Workflows;

/// <summary>
/// Where approved reports go: a document store of their own (the <c>reports</c> blob container, or memory on a laptop),
/// apart from the source documents agents search.
/// </summary>
/// <param name="Documents">The store the reports are written to.</param>
/// <param name="Name">The store's name as shown in report locations; "reports" by default.</param>
public sealed record ReportStore(IDocumentStore Documents, string Name = ReportStore.DefaultName)
{
    /// <summary>The default container name.</summary>
    public const string DefaultName = "reports";
}
