namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// The conformance tests run one after another: each starts two engines with their own worker threads, and timers and
/// retries run on the real clock, so running them side by side on a small machine would only make them slower.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConformanceCollection
{
    public const string Name = "Conformance";
}
