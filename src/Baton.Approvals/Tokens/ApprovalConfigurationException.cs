namespace Baton.Approvals;

/// <summary>An approval setting is missing or invalid; the message names the setting and how to fix it.</summary>
public sealed class ApprovalConfigurationException(string message) : InvalidOperationException(message);
