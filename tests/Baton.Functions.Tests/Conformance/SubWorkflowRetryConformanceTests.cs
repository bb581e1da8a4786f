using Baton.Functions.Tests.Conformance.RetriedChild;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// A sub-workflow started without an id of its own under a retry policy, failing its first attempt: on Durable
/// Functions (through the app's adapter) and on Baton's engine, every attempt is named after its parent
/// (<c>{parent}:{guid}</c>, so the dashboard nests it on both hosts), and the retried child's result comes back.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed partial class SubWorkflowRetryConformanceTests
{
    [Fact]
    public async Task RetriedChild_FailsOnceUnderARetryPolicy_IsNamedAfterItsParentAndSucceedsOnBothEngines()
    {
        // One record per engine's container, in the order the engines run: Durable Functions, then Baton's.
        var attempts = new List<ChildAttempts>();
        var (output, _) = await CatalogConformanceTests.AssertSameOnBothEnginesAsync(new ConformanceScenario(RetriedChildWorkflow.Name, "clause 7")
        {
            Baton = baton => baton.AddWorkflow<RetriedChildWorkflow>().AddOrchestrator<FlakyChildOrchestrator>().AddActivity<FlakyStepActivity>(),
            AppReferences = [typeof(RetriedChildWorkflow).Assembly],
            Services = services =>
            {
                var record = new ChildAttempts();
                attempts.Add(record);
                services.AddSingleton(record);
            },
        });

        Assert.Equal($"'clause 7' checked by a child of {ConformanceDriver.InstanceId}", output.GetString());
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, record =>
        {
            Assert.Equal(2, record.InstanceIds.Count);
            Assert.All(record.InstanceIds, id => Assert.Matches(ChildOfTheRun(), id));
        });

        // Durable re-creates the failed child under the id it picked once for every attempt.
        Assert.Single(attempts[0].InstanceIds.Distinct(StringComparer.Ordinal));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^" + ConformanceDriver.InstanceId + ":[0-9a-f]{32}(:[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex ChildOfTheRun();
}
