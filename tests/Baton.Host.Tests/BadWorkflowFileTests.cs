using System.Diagnostics;

namespace Baton.Host.Tests;

/// <summary>The host process started with a bad workflow file: it says what is wrong and exits cleanly.</summary>
public sealed class BadWorkflowFileTests
{
    [Fact]
    public async Task HostProcess_WithABadWorkflowFile_PrintsItsProblems_AndExitsWithTwo_WithoutACrash()
    {
        var folder = Path.Combine(Path.GetTempPath(), "baton-bad-workflows-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.yaml"), "name: broken\nsteps:\n  - name: a\n    kind: nonsense\n");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Baton.Host.dll"));
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add("0");
            start.Environment["Baton__Workflows__Folder"] = folder;
            start.Environment["Baton__Host__Store"] = "memory";
            start.Environment["Baton__Host__DataDirectory"] = folder;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(deadline.Token);

            var errors = await stderr;
            Assert.Equal(2, process.ExitCode);
            Assert.Contains("broken.yaml", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", errors + await stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
