using Baton.Durable;
using Baton.Functions.Hosting;
using Baton.Functions.Tests.Conformance.RetriedChild;
using Baton.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Functions.Tests;

/// <summary>
/// The Functions app refuses to start when a registered orchestrator or activity has no generated function (its class
/// is in an assembly the app's build did not see, or it is registered as a function), naming each one and what to do,
/// instead of failing the first run that calls it. The app's own registrations all have their functions.
/// </summary>
public sealed class RegisteredFunctionsValidationTests
{
    private static IHost BuildApp(Action<BatonBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Approvals:SigningKey"] = "a-signing-key-of-at-least-thirty-two-bytes!",
            ["Baton:Approvals:OutboxEnabled"] = "false",
        });
        builder.Services.AddBatonFunctionsApp(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "workflows"), configure);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task Start_RegistrationsWithoutAFunction_FailsNamingEachAndWhatToDo()
    {
        // The test assembly's classes are [DurableTask] classes, but the built app does not reference this assembly.
        using var host = BuildApp(
            b => b.AddWorkflow<RetriedChildWorkflow>().AddActivity<FlakyStepActivity>(),
            services => services.Configure<DurableTaskRegistry>(r => r.AddActivityFunc<string, string>("inline-step", (_, input) => input)));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(
            $"orchestrator '{RetriedChildWorkflow.Name}' ({typeof(RetriedChildWorkflow).FullName}, assembly Baton.Functions.Tests)",
            error.Message, StringComparison.Ordinal);
        Assert.Contains($"activity '{FlakyStepActivity.Name}' ({typeof(FlakyStepActivity).FullName}", error.Message, StringComparison.Ordinal);
        Assert.Contains("activity 'inline-step' (registered as a factory or function, not a class)", error.Message, StringComparison.Ordinal);
        Assert.Contains("these 3 registrations", error.Message, StringComparison.Ordinal);
        Assert.Contains("mark its class [DurableTask(\"name\")] and reference its project or package from src/Baton.Functions", error.Message, StringComparison.Ordinal);
        // Only the registrations without a function are listed; Baton's own have theirs.
        Assert.DoesNotContain(WorkflowNames.ResearchReport, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_RegistrationWithoutAFunction_FailsWhenFirstReadToo()
    {
        // A host that reads the registry without running start-up validation still never runs a task without a function.
        using var host = BuildApp(b => b.AddOrchestrator<FlakyChildOrchestrator>());

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<DurableTaskRegistry>());

        Assert.Contains("this registration; ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"orchestrator '{FlakyChildOrchestrator.Name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AppsOwnRegistrations_StartsAndEveryOneHasAGeneratedFunction()
    {
        using var host = BuildApp();

        await host.StartAsync();
        try
        {
            var registry = host.Services.GetRequiredService<DurableTaskRegistry>();
            Assert.Contains(WorkflowNames.ResearchReport, registry.OrchestratorNames);
            Assert.All(registry.OrchestratorNames, name => Assert.Contains(name, DurableFunctionNames.Generated.Orchestrators));
            Assert.All(registry.ActivityNames, name => Assert.Contains(name, DurableFunctionNames.Generated.Activities));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void Validate_FunctionOfTheNameIsAnActivity_SaysNamesAreSharedByBothKinds()
    {
        var registry = new DurableTaskRegistry().AddOrchestrator<FlakyChildOrchestrator>();
        var validation = new RegisteredFunctionsValidation(new DurableFunctionNames([], [FlakyChildOrchestrator.Name]));

        var result = validation.Validate(Options.DefaultName, registry);

        Assert.True(result.Failed);
        Assert.Contains($"the function '{FlakyChildOrchestrator.Name}' is taken by an activity of that name", result.FailureMessage, StringComparison.Ordinal);
    }
}
