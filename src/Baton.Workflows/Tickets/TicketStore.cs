using Baton.Agents;

namespace Baton.Workflows;

/// <summary>Where escalation tickets are written: a document store of their own (the <c>tickets</c> container, or memory).</summary>
/// <param name="Documents">The store tickets are written to.</param>
/// <param name="Name">The store's name as shown in ticket locations; "tickets" by default.</param>
public sealed record TicketStore(IDocumentStore Documents, string Name = TicketStore.DefaultName)
{
    /// <summary>The default container name.</summary>
    public const string DefaultName = "tickets";
}
