using Baton.Testing;

namespace Baton.Durable.AzureStorage.Tests;

/// <summary>Tests in this collection share one Azurite; each test uses its own task hub.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
