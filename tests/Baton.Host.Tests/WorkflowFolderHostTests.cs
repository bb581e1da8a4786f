using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Testing;

namespace Baton.Host.Tests;

/// <summary>
/// The worked example (contract review, in C# and in YAML with its own agents) run over HTTP on the real host, and the
/// host's workflows folder reloading while it runs: real files, the host's own watcher, Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkflowFolderHostTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "baton-host-workflows-" + Guid.NewGuid().ToString("N"));

    private const string Terms =
        "Northwind provides support services for 12 months, renewing yearly unless either party gives 60 days notice. " +
        "Fees 4,000 EUR a month, net 30. Liability capped at 12 months of fees.";

    private Task<RunningHost> StartAsync(params (string Name, string Text)[] files)
    {
        Directory.CreateDirectory(_folder);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(_folder, name), text);
        }

        return RunningHost.StartAsync(azurite, extraSettings: new Dictionary<string, string?> { ["Baton:Workflows:Folder"] = _folder });
    }

    private static string RepositoryWorkflow(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "workflows", file);
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return File.ReadAllText(path);
            }
        }

        throw new InvalidOperationException("No repository root above the test.");
    }

    private static async Task<string> StartRunAsync(RunningHost host, string workflow, object input)
    {
        using var response = await host.Http.PostAsJsonAsync("/api/workflows/" + workflow, input);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ApproveWithEditAsync(RunningHost host, string id)
    {
        var waiting = await host.AwaitingApprovalAsync(id);
        using var decision = await host.Http.PostAsJsonAsync(host.ApprovalLink(waiting), new { approved = true, comment = "Notice period checked.", edited = "Edited by legal: 60 days notice." });
        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        var status = await host.FinishedAsync(id);
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        return status.GetProperty("output");
    }

    [Fact]
    public async Task ContractReview_CSharpWorkflow_LegalApprovesWithAnEditThroughTheLink_FinalizesLegalsText()
    {
        await using var host = await StartAsync();

        var id = await StartRunAsync(host, "contract-review", new { title = "MSA with Northwind", terms = Terms, legalApprovers = new[] { "ann@example.com" } });
        var output = await ApproveWithEditAsync(host, id);

        Assert.Equal("Finalized", output.GetProperty("outcome").GetString());
        Assert.Equal("Edited by legal: 60 days notice.", output.GetProperty("draft").GetString());
        Assert.Contains("[offline model]", output.GetProperty("final").GetString(), StringComparison.Ordinal);
        Assert.Equal("ann@example.com", output.GetProperty("legal").GetProperty("approver").GetString());
        Assert.True(output.GetProperty("spend").GetProperty("calls").GetInt32() >= 3);
    }

    [Fact]
    public async Task ContractReview_YamlWorkflowWithItsOwnAgents_LegalApprovesWithAnEditThroughTheLink_FinalizesLegalsText()
    {
        await using var host = await StartAsync(("contract-review.yaml", RepositoryWorkflow("contract-review.yaml")));

        var id = await StartRunAsync(host, "contract-review-yaml", new { title = "MSA with Northwind", terms = Terms, legalApprovers = new[] { "ann@example.com" } });
        var output = (await ApproveWithEditAsync(host, id)).GetProperty("output");

        Assert.True(output.GetProperty("approved").GetBoolean());
        Assert.Equal("Edited by legal: 60 days notice.", output.GetProperty("draft").GetString());
        Assert.Equal("contract-finalizer", output.GetProperty("finalized").GetString());
        Assert.Contains(output.GetProperty("review").GetProperty("verdict").GetString(), new[] { "Ready", "NeedsChanges" });
        Assert.Contains("[offline model]", output.GetProperty("final").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsFolder_FileAddedWhileRunning_StartsOverHttp_AndABadFileIsShownOnTheDashboardWhileTheOthersRun()
    {
        await using var host = await StartAsync(("hello.yaml", Simple("hello", "hi")));

        await File.WriteAllTextAsync(Path.Combine(_folder, "added.yaml"), Simple("added", "new"));
        await Eventually.UntilAsync(
            async () => await host.Http.GetFromJsonAsync<JsonElement>("/api/workflows"),
            list => list.GetProperty("workflows").EnumerateArray().Any(w => w.GetProperty("name").GetString() == "added"),
            "the added workflow in the catalog",
            Deadline);
        var added = await host.FinishedAsync(await StartRunAsync(host, "added", new { }));
        Assert.Equal("new", added.GetProperty("output").GetProperty("output").GetProperty("value").GetString());

        await File.WriteAllTextAsync(Path.Combine(_folder, "hello.yaml"), "name: hello\nsteps:\n  - name: a\n    kind: nonsense\n");
        var dashboard = await Eventually.UntilAsync(
            () => host.Http.GetStringAsync("/dashboard"),
            page => page.Contains("Workflow files with problems", StringComparison.Ordinal),
            "the dashboard to show the bad file",
            Deadline);
        Assert.Contains("hello.yaml(4,11)", dashboard, StringComparison.Ordinal);
        Assert.Contains("Unknown step kind", dashboard, StringComparison.Ordinal);
        var hello = await host.FinishedAsync(await StartRunAsync(host, "hello", new { }));
        Assert.Equal("hi", hello.GetProperty("output").GetProperty("output").GetProperty("value").GetString());
    }

    private static string Simple(string name, string value) => $"name: {name}\nsteps:\n  - name: note\n    kind: switch\n    on: input.choice\n    cases:\n      a: []\noutput:\n  value: {value}\n";

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
