using Baton.Host;

var commandLine = HostCommandLine.Parse(args);
if (commandLine.Demo)
{
    return await DemoCommand.RunAsync(commandLine);
}

await using var app = BatonWebHost.Build(commandLine);
await app.RunAsync();
return 0;
