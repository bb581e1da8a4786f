using System.Net.Sockets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;

namespace Baton.Durable.AzureStorage;

/// <summary>The three service clients of one storage account, each counting its requests.</summary>
internal sealed class StorageClients
{
    private StorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
    {
        Tables = tables;
        Queues = queues;
        Blobs = blobs;
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public static StorageClients Create(
        AzureStorageOrchestrationStoreOptions options,
        StorageRequestCounter counter,
        IConfiguration? configuration,
        AzureComponentFactory? componentFactory)
    {
        var tableOptions = Configure(new TableClientOptions(), counter, "table");
        var queueOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, counter, "queue");
        var blobOptions = Configure(new BlobClientOptions(), counter, "blob");

        var connectionString = options.ConnectionString;
        Uri? blobUri = options.BlobServiceUri, queueUri = options.QueueServiceUri, tableUri = options.TableServiceUri;
        var credential = options.Credential;

        if (connectionString is null && blobUri is null && queueUri is null && tableUri is null && configuration is not null)
        {
            var section = configuration.GetSection(options.ConnectionName);
            connectionString = section.Value ?? configuration.GetConnectionString(options.ConnectionName);
            if (connectionString is null && section.Exists())
            {
                connectionString = section["connectionString"];
                if (connectionString is null)
                {
                    var accountName = section["accountName"];
                    var serviceUri = section["serviceUri"];
                    blobUri = UriFrom(section["blobServiceUri"] ?? serviceUri, accountName, "blob");
                    queueUri = UriFrom(section["queueServiceUri"], accountName, "queue");
                    tableUri = UriFrom(section["tableServiceUri"], accountName, "table");
                    credential ??= componentFactory?.CreateTokenCredential(section);
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(
                new TableServiceClient(connectionString, tableOptions),
                new QueueServiceClient(connectionString, queueOptions),
                new BlobServiceClient(connectionString, blobOptions));
        }

        if (blobUri is null || queueUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                "No Azure Storage connection is configured. Set ConnectionString (\"UseDevelopmentStorage=true\" for Azurite), " +
                "or BlobServiceUri, QueueServiceUri and TableServiceUri, or a configuration entry named " +
                $"'{options.ConnectionName}' holding a connection string or a section with blobServiceUri, queueServiceUri and tableServiceUri.");
        }

        credential ??= new DefaultAzureCredential();
        return new StorageClients(
            new TableServiceClient(tableUri, credential, tableOptions),
            new QueueServiceClient(queueUri, credential, queueOptions),
            new BlobServiceClient(blobUri, credential, blobOptions));
    }

    /// <summary>True when the exception means the service did not answer at all, as opposed to answering with an error.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        HttpRequestException or SocketException or TimeoutException => true,
        TaskCanceledException when exception.InnerException is TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable),
        _ => exception.InnerException is not null && IsUnreachable(exception.InnerException),
    };

    private static Uri? UriFrom(string? configured, string? accountName, string service) =>
        configured is not null ? new Uri(configured)
        : accountName is not null ? new Uri($"https://{accountName}.{service}.core.windows.net")
        : null;

    private static T Configure<T>(T options, StorageRequestCounter counter, string service)
        where T : ClientOptions
    {
        // Fail fast when storage is down: a dispatcher retries on its own schedule, and start-up should say so quickly.
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.AddPolicy(new RequestCountingPolicy(counter, service), HttpPipelinePosition.PerRetry);
        return options;
    }
}
