using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Baton.Mcp.TestServer;

/// <summary>
/// The server's tools. Each call is appended to the file named by the environment variable <c>CONTRACTS_CALL_LOG</c>
/// (tool, arguments, the request's <c>_meta.idempotencyKey</c> and the process id), so tests see what the process got.
/// </summary>
[McpServerToolType]
public sealed class ContractTools
{
    private static readonly Lock LogGate = new();

    /// <summary>Says whether a clause is standard.</summary>
    [McpServerTool(Name = "check_clause")]
    [Description("Checks a contract clause against the standard terms.")]
    public static string CheckClause(RequestContext<CallToolRequestParams> request, [Description("The clause text.")] string clause)
    {
        Record(request, "check_clause", clause);
        var risky = clause.Contains("unlimited", StringComparison.OrdinalIgnoreCase);
        return risky ? $"Clause '{clause}' is NOT standard: unlimited liability." : $"Clause '{clause}' is standard.";
    }

    /// <summary>Answers with an error for an empty clause, else a risk score.</summary>
    [McpServerTool(Name = "score_risk")]
    [Description("Scores the risk of a contract clause from 1 to 5.")]
    public static string ScoreRisk(RequestContext<CallToolRequestParams> request, [Description("The clause text.")] string clause)
    {
        Record(request, "score_risk", clause);
        if (string.IsNullOrWhiteSpace(clause) || clause == "broken")
        {
            throw new McpException("The clause is empty or broken; send the clause text.");
        }

        return clause.Contains("unlimited", StringComparison.OrdinalIgnoreCase) ? "risk 5 of 5" : "risk 1 of 5";
    }

    private static void Record(RequestContext<CallToolRequestParams> request, string tool, string clause)
    {
        if (Environment.GetEnvironmentVariable("CONTRACTS_CALL_LOG") is { Length: > 0 } path)
        {
            var key = request.Params?.Meta?["idempotencyKey"]?.GetValue<string>() ?? "-";
            // Tools run concurrently when the model asks for several at once, and a restarted server may overlap the
            // old one; appends from two writers can overwrite each other, so one at a time, the file locked meanwhile.
            lock (LogGate)
            {
                Append(path, $"{tool}\t{clause}\t{key}\t{Environment.ProcessId}\n");
            }
        }
    }

    private static void Append(string path, string line)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
                file.Write(System.Text.Encoding.UTF8.GetBytes(line));
                return;
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(10);
            }
        }
    }
}
