using System.Reflection;
using System.Text.RegularExpressions;
using Baton.Agents;
using Baton.Workflows.Hosting;

namespace Baton.Workflows.Tests.Hosting;

/// <summary>
/// The Azure Functions app cannot be run by these tests, so its source is read instead: every catalog workflow must
/// have an orchestrator function and every registered activity an activity function, so that none is forgotten, and the
/// approval links must be served on the same routes as by the local host.
/// </summary>
public sealed partial class FunctionsAppTests
{
    [Fact]
    public void FunctionsApp_DeclaresAnOrchestratorFunctionForEveryCatalogWorkflow()
    {
        var declared = DeclaredFunctions("OrchestrationTrigger");

        Assert.Equal(FunctionNames.Orchestrators, declared.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionsApp_DeclaresAnActivityFunctionForEveryRegisteredActivity()
    {
        var declared = DeclaredFunctions("ActivityTrigger");

        Assert.Equal(FunctionNames.Activities.Order(StringComparer.OrdinalIgnoreCase), declared.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void FunctionsApp_ServesTheLocalHostsApprovalRoutes_LinksWithoutAFunctionKey()
    {
        var root = RepositoryRoot();
        var hostSource = File.ReadAllText(Path.Combine(root, "src", "Baton.Host", "Endpoints", "BatonEndpoints.cs"));
        var hostRoutes = HostApprovalRoute().Matches(hostSource).Select(m => $"{m.Groups["verb"].Value.ToUpperInvariant()} {m.Groups["route"].Value}").ToHashSet();
        var functionsSource = string.Join('\n', Directory.EnumerateFiles(Path.Combine(root, "src", "Baton.Functions"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var functionRoutes = FunctionsApprovalRoute().Matches(functionsSource)
            .ToDictionary(m => $"{m.Groups["verb"].Value.ToUpperInvariant()} {m.Groups["route"].Value}", m => m.Groups["level"].Value);

        Assert.Equal(["GET approvals", "GET approvals/{token}", "POST approvals/{token}"], hostRoutes.Order(StringComparer.Ordinal));
        Assert.Equal(hostRoutes.Order(StringComparer.Ordinal), functionRoutes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Anonymous", functionRoutes["GET approvals/{token}"]);
        Assert.Equal("Anonymous", functionRoutes["POST approvals/{token}"]);
        Assert.Equal("Function", functionRoutes["GET approvals"]);
    }

    private static List<string> DeclaredFunctions(string trigger)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Baton.Functions");
        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match match in FunctionDeclaration().Matches(File.ReadAllText(file)))
            {
                if (match.Groups["body"].Value.Contains($"[{trigger}]", StringComparison.Ordinal))
                {
                    names.Add(Resolve(match.Groups["name"].Value));
                }
            }
        }

        return names;
    }

    private static string Resolve(string expression)
    {
        if (expression.StartsWith('"'))
        {
            return expression.Trim('"');
        }

        var parts = expression.Split('.');
        var type = new[] { typeof(WorkflowNames), typeof(AgentActivityNames) }.Single(t => t.Name == parts[0]);
        return (string)type.GetField(parts[1], BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Functions.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\.Map(?<verb>Get|Post)\(""(?:/api)?/(?<route>approvals[^""]*)""")]
    private static partial Regex HostApprovalRoute();

    [GeneratedRegex(@"HttpTrigger\(AuthorizationLevel\.(?<level>\w+), ""(?<verb>get|post)"", Route = ""(?<route>approvals[^""]*)""\)")]
    private static partial Regex FunctionsApprovalRoute();

    [GeneratedRegex(@"\[Function\((?<name>[^)]+)\)\]\s*public[^(\n]*\((?<body>[^)]*)\)")]
    private static partial Regex FunctionDeclaration();
}
