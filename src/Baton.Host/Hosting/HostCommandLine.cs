namespace Baton.Host;

/// <summary>
/// What the command line asks for: serve (default) or <c>demo [workflow]</c>, the store, and the demo's mode.
/// </summary>
/// <param name="Demo">True for the <c>demo</c> command.</param>
/// <param name="Interactive">Demo: wait for a person to answer the approval link instead of approving it.</param>
/// <param name="InMemory"><c>--store memory</c>: run without storage; state lives as long as the process.</param>
/// <param name="Port"><c>--port N</c>: listen on this port instead of the configured one (0 picks a free port).</param>
/// <param name="Rest">Arguments left for the configuration (e.g. <c>--Baton:Host:Keys=...</c>).</param>
internal sealed record HostCommandLine(bool Demo, bool Interactive, bool InMemory, int? Port, IReadOnlyList<string> Rest)
{
    /// <summary>Demo: which workflow it runs (<c>demo support-triage</c>); research-report when not named.</summary>
    public string DemoWorkflow { get; init; } = "research-report";

    /// <summary>Demo: <c>--exit</c> stops the host once the run is over instead of serving the dashboard until Ctrl+C.</summary>
    public bool Exit { get; init; }

    /// <summary>Reads the arguments; unknown ones are passed on to the configuration.</summary>
    public static HostCommandLine Parse(IReadOnlyList<string> args)
    {
        var demo = false;
        string? demoWorkflow = null;
        var exit = false;
        var interactive = false;
        var memory = false;
        int? port = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "demo" when i == 0:
                    demo = true;
                    if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                    {
                        demoWorkflow = args[++i];
                    }

                    break;
                case "--exit":
                    exit = true;
                    break;
                case "--interactive":
                    interactive = true;
                    break;
                case "--store" when i + 1 < args.Count:
                    memory = ParseStore(args[++i]);
                    break;
                case "--port" when i + 1 < args.Count && int.TryParse(args[i + 1], out var p):
                    port = p;
                    i++;
                    break;
                default:
                    if (arg.StartsWith("--store=", StringComparison.Ordinal))
                    {
                        memory = ParseStore(arg["--store=".Length..]);
                    }
                    else
                    {
                        rest.Add(arg);
                    }

                    break;
            }
        }

        return new HostCommandLine(demo, interactive, memory, port, rest) with
        {
            DemoWorkflow = demoWorkflow ?? "research-report",
            Exit = exit,
        };
    }

    private static bool ParseStore(string value) => value.ToLowerInvariant() switch
    {
        "memory" => true,
        "azure" or "storage" or "azurestorage" => false,
        _ => throw new ArgumentException($"--store {value} is not a store; use --store memory, or leave it out for Azure Storage (AzureWebJobsStorage)."),
    };
}
