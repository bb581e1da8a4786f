namespace Baton.Bench.CrossProcess;

/// <summary>The arguments child processes share: <c>--engine baton|dtfx --connection ... --hub ...</c>.</summary>
internal static class ChildArguments
{
    public static (string Engine, string? Connection, string? Hub) Parse(IReadOnlyList<string> args)
    {
        string engine = "baton";
        string? connection = null, hub = null;
        for (var i = 1; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--engine":
                    engine = args[i + 1];
                    break;
                case "--connection":
                    connection = args[i + 1];
                    break;
                case "--hub":
                    hub = args[i + 1];
                    break;
            }
        }

        return (engine, connection, hub);
    }
}
