using Microsoft.Extensions.Logging;

namespace Baton.Host;

/// <summary>Baton.Host's log messages, with stable event ids (7100-7199). Keys and connection strings are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(7100, LogLevel.Information, "Baton host listening on {Url}.")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(7115, LogLevel.Information, "Dashboard: {Url}{KeyHint}")]
    public static partial void Dashboard(ILogger logger, string url, string keyHint);

    [LoggerMessage(7101, LogLevel.Information, "Keys are on ({Count} configured): start and management endpoints need x-functions-key or ?code=. Listening on all interfaces unless --urls or ASPNETCORE_URLS say otherwise.")]
    public static partial void KeysOn(ILogger logger, int count);

    [LoggerMessage(7102, LogLevel.Warning, "No keys configured (Baton:Host:Keys): listening on loopback only, start and management endpoints are open to this machine.")]
    public static partial void KeysOff(ILogger logger);

    [LoggerMessage(7103, LogLevel.Information, "Store: in memory (--store memory); runs are lost when the host stops.")]
    public static partial void StoreMemory(ILogger logger);

    [LoggerMessage(7104, LogLevel.Information, "Store: Azure Storage, task hub {HubName}, {PartitionCount} partitions, {Account}.")]
    public static partial void StoreAzure(ILogger logger, string hubName, int partitionCount, string account);

    [LoggerMessage(7105, LogLevel.Information, "Model: {Models}.")]
    public static partial void Model(ILogger logger, string models);

    [LoggerMessage(7106, LogLevel.Information, "Workflows ({Count}): {Names}.")]
    public static partial void Workflows(ILogger logger, int count, string names);

    [LoggerMessage(7107, LogLevel.Information, "Schedules: {Schedules}.")]
    public static partial void Schedules(ILogger logger, string schedules);

    [LoggerMessage(7108, LogLevel.Information, "Approval outbox: {Outbox}; approval links start with {PublicBaseUrl}/api/approvals/.")]
    public static partial void Outbox(ILogger logger, string outbox, string publicBaseUrl);

    [LoggerMessage(7109, LogLevel.Information, "Reports are written under {Folder}.")]
    public static partial void Reports(ILogger logger, string folder);

    [LoggerMessage(7114, LogLevel.Warning, "Schedules could not be read: {Reason}")]
    public static partial void SchedulesUnreadable(ILogger logger, string reason);

    [LoggerMessage(7110, LogLevel.Information, "Azurite is already answering on ports 10000-10002; using it.")]
    public static partial void AzuriteAlreadyRunning(ILogger logger);

    [LoggerMessage(7111, LogLevel.Information, "Azurite is not installed; running npm ci in {Root}.")]
    public static partial void AzuriteInstalling(ILogger logger, string root);

    [LoggerMessage(7112, LogLevel.Information, "Started Azurite (process {ProcessId}) with its data in {Folder}; it stops with the host.")]
    public static partial void AzuriteStarted(ILogger logger, int processId, string folder);

    [LoggerMessage(7113, LogLevel.Information, "Stopped Azurite.")]
    public static partial void AzuriteStopped(ILogger logger);

    [LoggerMessage(7119, LogLevel.Warning, "Azurite did not shut down within {Seconds} s of SIGTERM; killing it (writes of its last seconds may be lost).")]
    public static partial void AzuriteKilled(ILogger logger, double seconds);

    [LoggerMessage(7120, LogLevel.Warning, "Azure Storage is down ({Where}): {Reason}. Requests are answered 503 with Retry-After; runs resume by themselves when it answers again.")]
    public static partial void StorageDown(ILogger logger, string where, string reason);
}
