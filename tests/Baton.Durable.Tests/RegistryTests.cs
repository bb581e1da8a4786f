namespace Baton.Durable.Tests;

public sealed class RegistryTests
{
    [Fact]
    public void AddActivity_SameNameTwiceInAnyCase_ThrowsWithTheName()
    {
        var registry = new DurableTaskRegistry().AddActivityFunc<int, int>("Score", (_, n) => n);

        var error = Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<int, int>("score", (_, n) => n));

        Assert.Contains("'score' is already registered", error.Message);
    }

    [Fact]
    public void GetTaskName_AttributeOverridesTypeName()
    {
        Assert.Equal("renamed", DurableTaskRegistry.GetTaskName(typeof(Named)).Name);
        Assert.Equal(nameof(Unnamed), DurableTaskRegistry.GetTaskName(typeof(Unnamed)).Name);
    }

    [Fact]
    public void GetActivityType_RegisteredByClassOrByFunction_IsTheClassOrNull()
    {
        var registry = new DurableTaskRegistry()
            .AddActivity<Named>()
            .AddActivityFunc<int, int>("inline", (_, n) => n);

        Assert.Equal(typeof(Named), registry.GetActivityType("RENAMED"));
        Assert.Null(registry.GetActivityType("inline"));
        Assert.Null(registry.GetActivityType("missing"));
        Assert.Null(registry.GetOrchestratorType("renamed"));
    }

    [Fact]
    public void JsonDataConverter_RoundTripsRecordsWithCamelCaseNames()
    {
        var converter = JsonDataConverter.Default;

        var json = converter.Serialize(new Sample("a", 2, Kind.Second));

        Assert.Equal("{\"name\":\"a\",\"count\":2,\"kind\":\"Second\"}", json);
        Assert.Equal(new Sample("a", 2, Kind.Second), converter.Deserialize<Sample>(json));
        Assert.Equal(0, converter.Deserialize<int>(null));
    }

    public enum Kind { First, Second }

    public sealed record Sample(string Name, int Count, Kind Kind);

    [DurableTask("renamed")]
    private sealed class Named : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }

    private sealed class Unnamed : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }
}
