namespace Baton.Host;

/// <summary>What the host was started with, for the start-up report and the demo.</summary>
/// <param name="RepositoryRoot">Where host.json, local.settings.json, node_modules and .azurite are looked for.</param>
/// <param name="Keys">The keys protecting start and management endpoints.</param>
/// <param name="InMemory">True when state lives only in this process.</param>
/// <param name="StorageConnection">The storage connection string, when one is used (never logged as is).</param>
/// <param name="DataDirectory">The host's local data folder (.baton): reports, outbox, the signing key.</param>
internal sealed record HostSettings(string RepositoryRoot, HostKeys Keys, bool InMemory, string? StorageConnection, string DataDirectory);
