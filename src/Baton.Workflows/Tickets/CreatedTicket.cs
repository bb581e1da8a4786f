namespace Baton.Workflows;

/// <summary>What <c>create_ticket</c> answers: the new ticket's id and where it is stored.</summary>
/// <param name="TicketId">The ticket's id, e.g. "TKT-04817263".</param>
/// <param name="Location">The store's name and the document path, e.g. "tickets/TKT-04817263.json".</param>
public sealed record CreatedTicket(string TicketId, string Location);
