namespace Baton.Testing;

/// <summary>
/// Where the built test MCP server (tests/Baton.Mcp.TestServer) is: tests start it as a real process with
/// <c>dotnet {Dll}</c>. Test projects reference it with <c>ReferenceOutputAssembly="false"</c> so it is built first.
/// </summary>
public static class McpTestServer
{
    /// <summary>The server's built assembly, in the same configuration as the running tests.</summary>
    public static string Dll
    {
        get
        {
            // The tests run from tests/<Project>/bin/<Configuration>/<tfm>/: the server is beside them, built the same way.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = output.Name;
            var configuration = output.Parent!.Name;
            var tests = output.Parent.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(tests, "Baton.Mcp.TestServer", "bin", configuration, framework, "Baton.Mcp.TestServer.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"The test MCP server is not built at {dll}. Build tests/Baton.Mcp.TestServer (test projects reference it so it is).", dll);
        }
    }
}
