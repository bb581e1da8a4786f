using Baton.Host;
using Baton.Workflows;

var commandLine = HostCommandLine.Parse(args);
if (commandLine.Demo)
{
    return await DemoCommand.RunAsync(commandLine);
}

try
{
    await using var app = BatonWebHost.Build(commandLine);
    await app.RunAsync();
    return 0;
}
catch (DeclarativeWorkflowException e)
{
    // A bad workflow file: its problems, with file, line and column, and a clean exit instead of a crash.
    Console.Error.WriteLine($"Baton host did not start: {e.Message}");
    return 2;
}
