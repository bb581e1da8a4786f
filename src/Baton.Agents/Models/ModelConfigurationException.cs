namespace Baton.Agents;

/// <summary>A model key's configuration cannot be used; the message says which setting to fix.</summary>
public sealed class ModelConfigurationException(string message) : InvalidOperationException(message);
