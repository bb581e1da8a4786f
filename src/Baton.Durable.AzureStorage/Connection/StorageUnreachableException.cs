namespace Baton.Durable.AzureStorage;

/// <summary>Azure Storage did not answer (refused connection, unknown host, time-out); nothing was written.</summary>
public sealed class StorageUnreachableException(string endpoint, Exception innerException)
    : IOException(
        $"Azure Storage is unreachable at {endpoint}: {innerException.Message} " +
        "Check the connection string or service URIs, and that the storage account (or Azurite) is running and reachable.",
        innerException)
{
    /// <summary>The endpoint that did not answer.</summary>
    public string Endpoint { get; } = endpoint;
}
