using Baton.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>The repository's workflows folder, and loading workflow text against the built-in agents and tools.</summary>
internal static class DeclarativeFiles
{
    public static string RepositoryFolder { get; } = Path.Combine(RepositoryRoot(), "workflows");

    public static DeclarativeWorkflowCatalog Load(params (string File, string Text)[] files) => Load(files, null);

    public static DeclarativeWorkflowCatalog Load((string File, string Text)[] files, Action<DeclarativeWorkflowOptions>? configure)
    {
        using var services = new ServiceCollection().AddBatonWorkflows().BuildServiceProvider();
        var options = new DeclarativeWorkflowOptions();
        configure?.Invoke(options);
        var environment = new WorkflowEnvironment(
            services.GetRequiredService<AgentCatalog>(),
            services.GetRequiredService<ToolCatalog>(),
            [.. WorkflowCatalog.BuiltIn.Select(w => w.Name)],
            options);
        return DeclarativeWorkflowLoader.Load(files, environment);
    }

    /// <summary>Loads files expected to be refused, and returns the reported errors.</summary>
    public static IReadOnlyList<DeclarativeWorkflowError> Errors(params (string File, string Text)[] files) =>
        Assert.Throws<DeclarativeWorkflowException>(() => Load(files)).Errors;

    /// <summary>Joins lines with \n, so that tests can count lines the way the errors report them.</summary>
    public static string Lines(params string[] lines) => string.Join("\n", lines);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }
}
