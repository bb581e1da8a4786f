using Baton.Testing;

namespace Baton.Workflows.Tests.Azurite;

/// <summary>Workflow tests on Azurite share one Azurite process; each test uses its own task hub.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Workflows on Azurite";
}
