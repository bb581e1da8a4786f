namespace Baton.Workflows;

/// <summary>How urgent a support request is, from least to most.</summary>
public enum TicketUrgency
{
    /// <summary>No time pressure.</summary>
    Low,

    /// <summary>Answer within the usual service level.</summary>
    Normal,

    /// <summary>Business impact: answer today.</summary>
    High,

    /// <summary>Outage, data loss or security incident: answer now.</summary>
    Critical,
}
