namespace Baton.Bench.Stores;

/// <summary>The store asked for with <c>--store</c> cannot run in this build.</summary>
internal sealed class StoreNotAvailableException(string message) : InvalidOperationException(message);
