using System.Text.RegularExpressions;

namespace Baton.Workflows.Tests.Hosting;

/// <summary>
/// The Azure Functions app cannot be run by these tests, so its source is read instead: the approval links must be served
/// on the same routes as by the local host. (That every durable task has a function is proven on the built app, in
/// tests/Baton.Functions.Tests.)
/// </summary>
public sealed partial class FunctionsAppTests
{
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
}
