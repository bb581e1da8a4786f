namespace Baton.Durable.AzureStorage;

/// <summary>A queue message that can never be read; it is moved to the poison queue.</summary>
internal sealed class UnreadableMessageException(string reason) : FormatException("The message cannot be read: " + reason + ".");
