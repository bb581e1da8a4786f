using System.Globalization;

namespace Baton.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Usage: Baton.Bench [options]
          --store memory|azurite   the store to run on (default: memory)
          --runs N                 measured runs per workload, after one warm-up (default: 5; 2 with --quick)
          --workloads a,b,...      which workloads to run (default: all of a b c d e f g h)
          --json PATH              where to write the figures (default: bench/results/<store>-<timestamp>.json)
          --markdown PATH          also write the table as Markdown (for docs/performance.md)
          --peer dtfx              also run every workload on the Durable Task Framework's Azure Storage provider
                                   (Durable Functions' default settings), alternating with Baton, and print the
                                   ratios (needs --store azurite)
          --quick                  fewer runs and smaller sizes: a smoke check, not a measurement
          --help                   this text
        Workloads:
          a  one orchestration calling 20 activities in sequence
          b  fan-out/fan-in of 200 and of 1,000 activities
          c  100 orchestrations started at once, 3 sequential activities each
          d  external event round trip (raise to completion), 10 per run
          e  a 2 s durable timer on the real clock: from its due time to the client seeing the completion
          f  a step that replays a history of more than 1,000 events, and replay cost per event
          g  idle storage requests per second in steady state, then how soon a run started by another process begins
             after the idle period and when busy (stores that count requests)
          h  several processes: (c) with clients in this process and one, then two worker processes on the hub
        With --store azurite the benchmark starts its own Azurite (node_modules/azurite, run npm ci first) and also
        reports storage requests per activity, and runs (d) a second time with the client in a child process
        (this program with --client --engine baton|dtfx --connection ... --hub ..., driven over stdin).
        """;

    public static readonly IReadOnlyList<string> AllWorkloads = ["a", "b", "c", "d", "e", "f", "g", "h"];

    public string Store { get; init; } = "memory";

    public int Runs { get; init; } = 5;

    public IReadOnlyList<string> Workloads { get; init; } = AllWorkloads;

    public string? JsonPath { get; init; }

    /// <summary>Where to write the table as Markdown, or null.</summary>
    public string? MarkdownPath { get; init; }

    public bool Quick { get; init; }

    /// <summary>The peer engine to compare with ("dtfx"), or null.</summary>
    public string? Peer { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        int? runs = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--store":
                    options = options with { Store = Value(args, ref i, arg).ToLowerInvariant() };
                    break;
                case "--runs":
                    var text = Value(args, ref i, arg);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        throw new ArgumentException($"--runs takes a whole number of 1 or more, not '{text}'.");
                    }

                    runs = n;
                    break;
                case "--workloads":
                    var keys = Value(args, ref i, arg).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(k => k.ToLowerInvariant()).Distinct().ToList();
                    var unknown = keys.Where(k => !AllWorkloads.Contains(k)).ToList();
                    if (keys.Count == 0 || unknown.Count > 0)
                    {
                        throw new ArgumentException($"--workloads takes letters among {string.Join(',', AllWorkloads)}; unknown: {string.Join(',', unknown)}.");
                    }

                    options = options with { Workloads = [.. AllWorkloads.Where(keys.Contains)] };
                    break;
                case "--markdown":
                    options = options with { MarkdownPath = Value(args, ref i, arg) };
                    break;
                case "--json":
                    options = options with { JsonPath = Value(args, ref i, arg) };
                    break;
                case "--peer":
                    var peer = Value(args, ref i, arg).ToLowerInvariant();
                    if (peer != "dtfx")
                    {
                        throw new ArgumentException($"--peer takes 'dtfx', not '{peer}'.");
                    }

                    options = options with { Peer = peer };
                    break;
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--help" or "-h" or "-?":
                    options = options with { Help = true };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'. Run with --help for the list.");
            }
        }

        if (options.Peer is not null && options.Store != "azurite")
        {
            throw new ArgumentException("--peer dtfx runs the peer on Azurite: add --store azurite.");
        }

        return options with { Runs = runs ?? (options.Quick ? 2 : 5) };
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} needs a value.");
        }

        return args[++i];
    }
}
