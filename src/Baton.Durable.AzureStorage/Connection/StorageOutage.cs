using Azure;

namespace Baton.Durable.AzureStorage;

/// <summary>Tells an outage of Azure Storage (it does not answer, or answers that it cannot serve) from other failures.</summary>
public static class StorageOutage
{
    /// <summary>
    /// True when <paramref name="exception"/> says storage is unreachable (refused connection, unknown host, time-out)
    /// or unavailable (500, 502, 503, 504): a request may succeed later, unchanged.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StorageUnreachableException => true,
            RequestFailedException { Status: 500 or 502 or 503 or 504 } => true,
            AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsOutage),
            _ => StorageClients.IsUnreachable(exception),
        };
    }
}
