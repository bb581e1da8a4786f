namespace Baton.Agents;

/// <summary>How the offline model uses a tool it is offered.</summary>
internal enum OfflineToolKind
{
    /// <summary>Finds material (search_documents): called once, first, with the topic's keywords.</summary>
    Search,

    /// <summary>Reads one item (read_document, fetch_url): called only on paths or URLs known to exist.</summary>
    Read,

    /// <summary>Does something (create_ticket, send_email, write_document): called once.</summary>
    Act,
}
