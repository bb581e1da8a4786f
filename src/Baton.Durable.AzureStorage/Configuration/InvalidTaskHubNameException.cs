namespace Baton.Durable.AzureStorage;

/// <summary>The task hub name breaks an Azure Storage naming rule; the message says which.</summary>
public sealed class InvalidTaskHubNameException(string hubName, string rule)
    : ArgumentException($"Task hub name '{hubName}' is invalid: {rule}. Example of a valid name: 'MyTaskHub1'.", "hubName")
{
    /// <summary>The rejected name.</summary>
    public string HubName { get; } = hubName;
}
