using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using Baton.Approvals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Http;

/// <summary>
/// The approval link, read from the approvals ledger (never from run histories): <c>GET /api/approvals/{token}</c>
/// shows what is asked; only <c>POST</c> decides (form with the anti-forgery field, or JSON
/// <c>{"approved": true, "comment": "...", "edited": "..."}</c>) through <see cref="ApprovalDecider"/>, the single-decision
/// path every process shares. A tampered or malformed token answers 401, an expired one 410, an approval the ledger does
/// not hold 404, an approver not on its list 403, an approval already decided or no longer open 409 (saying who decided
/// and when): each with a page (or problem details for JSON) that says so, and no event raised. Thread-safe.
/// </summary>
public sealed class ApprovalLinkApi(
    ApprovalDecider decider,
    IApprovalTokenService tokens,
    ApprovalAntiforgery antiforgery,
    TimeProvider? timeProvider = null,
    ILogger<ApprovalLinkApi>? logger = null)
{
    private static readonly string[] Listable = ["pending", "decided", "expired", "cancelled", "all"];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<ApprovalLinkApi>.Instance;

    /// <summary>The page for a link. Records nothing (mail scanners open links), but delivers a decision lost to a crash.</summary>
    public async Task<HttpReply> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        var (claims, refusal) = Check(token, json: false);
        if (claims is null)
        {
            return refusal!;
        }

        var record = await decider.ReadAsync(claims.InstanceId, claims.EventName, cancellationToken);
        if (Refuse(claims, record, json: false) is { } refused)
        {
            return refused;
        }

        var instance = await decider.Client.GetInstanceAsync(claims.InstanceId, getInputsAndOutputs: true, cancellationToken);
        var (cookie, field) = antiforgery.Issue(token);
        return HttpReply.FromHtml(200, ApprovalPage.Ask(claims, record!, instance?.Name, StepOf(instance?.SerializedCustomStatus), field))
            .WithHeader("Set-Cookie", ApprovalAntiforgery.SetCookieHeader(cookie))
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Referrer-Policy", "no-referrer");
    }

    /// <summary>Decides from a form or JSON body.</summary>
    public async Task<HttpReply> PostAsync(string token, string? contentType, string? body, string? cookieHeader, CancellationToken cancellationToken = default)
    {
        var json = IsJson(contentType);
        var (claims, refusal) = Check(token, json);
        if (claims is null)
        {
            return refusal!;
        }

        var (approved, comment, edited, field, problem) = json ? ReadJson(body) : ReadForm(body);
        if (problem is not null)
        {
            return json
                ? Problems.InvalidField(problem.Value.Field, problem.Value.Message)
                : HttpReply.FromHtml(400, ApprovalPage.Refused("The decision could not be read", problem.Value.Message));
        }

        if (!json && !antiforgery.Verify(ApprovalAntiforgery.CookieFrom(cookieHeader), field, token))
        {
            Log.AntiforgeryFailed(_logger, claims.InstanceId, claims.EventName);
            return HttpReply.FromHtml(400, ApprovalPage.Refused(
                "The form has expired",
                "This form could not be verified. Open the approval link again and decide on the fresh page."));
        }

        var result = await decider.DecideAsync(
            new ApprovalBallot(claims.InstanceId, claims.EventName, claims.Approver, approved!.Value, comment, ApprovalChannels.Link) { EditedText = edited },
            cancellationToken);
        return Answer(result, json);
    }

    /// <summary>
    /// <c>GET /api/approvals?status=pending|decided|expired|cancelled|all[&amp;approver=]</c>: the ledger's approvals in
    /// that status, oldest first; with <c>approver</c>, only those that person may decide (pending) or decided (decided).
    /// </summary>
    public async Task<HttpReply> ListAsync(string? status, string? approver, CancellationToken cancellationToken = default)
    {
        var wanted = (status ?? "pending").Trim().ToLowerInvariant();
        ApprovalStatus[]? statuses = wanted switch
        {
            "pending" => [ApprovalStatus.Pending],
            "decided" => [ApprovalStatus.Approved, ApprovalStatus.Rejected],
            "expired" => [ApprovalStatus.Expired],
            "cancelled" => [ApprovalStatus.Cancelled],
            "all" => [],
            _ => null,
        };
        if (statuses is null)
        {
            return Problems.InvalidField("status", $"'{status}' is not a status; use one of {string.Join(", ", Listable)}.");
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var who = string.IsNullOrWhiteSpace(approver) ? null : approver.Trim();
        var records = await decider.Ledger.ListAsync(new ApprovalLedgerQuery(statuses), cancellationToken);
        var listed = records
            .Where(r => wanted != "pending" || r.ExpiresAt > now)
            .Where(r => who is null || r.MayDecide(who) || string.Equals(r.Decision?.Approver, who, StringComparison.OrdinalIgnoreCase))
            .Select(ApprovalSummary.From)
            .ToList();
        return HttpReply.FromJson(200, listed);
    }

    private HttpReply Answer(ApprovalDecisionResult result, bool json)
    {
        var record = result.Record;
        switch (result.Outcome)
        {
            case ApprovalDecisionOutcome.Recorded:
                var decision = record!.Decision!;
                Log.DecisionRecorded(_logger, record.InstanceId, record.EventName, decision.Approver, decision.Approved);
                return json
                    ? HttpReply.FromJson(200, new JsonObject
                    {
                        ["recorded"] = true,
                        ["instanceId"] = record.InstanceId,
                        ["eventName"] = record.EventName,
                        ["approved"] = decision.Approved,
                        ["approver"] = decision.Approver,
                        ["comment"] = decision.Comment,
                        ["decidedAt"] = decision.DecidedAt,
                        ["edited"] = decision.EditedText is not null,
                    })
                    : HttpReply.FromHtml(200, ApprovalPage.Recorded(decision.Approved, decision.Approver, decision.Comment, decision.DecidedAt, decision.EditedText is not null));
            case ApprovalDecisionOutcome.AlreadyDecided:
                return Conflict(json, "Already decided", result.Message, record?.Decision);
            case ApprovalDecisionOutcome.Closed:
                return Conflict(json, "No longer waiting", result.Message, record?.Decision);
            case ApprovalDecisionOutcome.NotFound:
                return NotFound(json);
            case ApprovalDecisionOutcome.NotAnApprover:
                return json
                    ? Problems.Create(403, "Not an approver.", result.Message)
                    : HttpReply.FromHtml(403, ApprovalPage.Refused("You are not an approver", result.Message));
            default:
                return json
                    ? Problems.InvalidField("edited", result.Message)
                    : HttpReply.FromHtml(400, ApprovalPage.Refused("The edit could not be used", result.Message));
        }
    }

    private (ApprovalTokenClaims? Claims, HttpReply? Refusal) Check(string token, bool json)
    {
        var validation = tokens.Validate(token ?? string.Empty);
        if (validation.IsValid && validation.Claims is not null)
        {
            return (validation.Claims, null);
        }

        Log.TokenRefused(_logger, validation.Status.ToString(), validation.Claims?.InstanceId);
        var (code, title, message) = validation.Status switch
        {
            ApprovalTokenStatus.Expired => (410, "This link has expired", "The approval link is past its expiry, so it can no longer record a decision. " + validation.Reason),
            ApprovalTokenStatus.Malformed => (401, "This link is not valid", "The approval link is incomplete or damaged; open it again from the message you received. " + validation.Reason),
            _ => (401, "This link is not valid", "The approval link was altered or was not issued by this service. " + validation.Reason),
        };
        return (null, json ? Problems.Create(code, title + ".", message) : HttpReply.FromHtml(code, ApprovalPage.Refused(title, message)));
    }

    private HttpReply? Refuse(ApprovalTokenClaims claims, ApprovalRecord? record, bool json)
    {
        if (record is null)
        {
            return NotFound(json);
        }

        if (ApprovalDecider.Closed(record, _time.GetUtcNow().UtcDateTime) is { } closed)
        {
            return Conflict(json, closed.Outcome == ApprovalDecisionOutcome.AlreadyDecided ? "Already decided" : "No longer waiting", closed.Message, record.Decision);
        }

        if (!record.MayDecide(claims.Approver))
        {
            var message = $"{claims.Approver} is not on the approver list of this approval.";
            return json ? Problems.Create(403, "Not an approver.", message) : HttpReply.FromHtml(403, ApprovalPage.Refused("You are not an approver", message));
        }

        return null;
    }

    private static HttpReply NotFound(bool json) => json
        ? Problems.Create(404, "Approval not found.", "No such approval is recorded: the run no longer exists, or never asked for it.")
        : HttpReply.FromHtml(404, ApprovalPage.Refused("Approval not found", "The run this approval belongs to no longer exists, or never asked for it."));

    private static HttpReply Conflict(bool json, string title, string message, ApprovalDecision? decision)
    {
        if (!json)
        {
            return HttpReply.FromHtml(409, ApprovalPage.Refused(title, message));
        }

        var extensions = new Dictionary<string, JsonNode?>();
        if (decision is not null)
        {
            extensions["decidedBy"] = decision.Approver;
            extensions["decidedAt"] = decision.DecidedAt;
            extensions["approved"] = decision.Approved;
        }

        return Problems.Create(409, title + ".", message, extensions);
    }

    private static (bool? Approved, string? Comment, string? Edited, string? Field, (string Field, string Message)? Problem) ReadForm(string? body)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            fields.TryAdd(name, eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]));
        }

        fields.TryGetValue("comment", out var comment);
        fields.TryGetValue("edited", out var edited);
        fields.TryGetValue(ApprovalAntiforgery.FieldName, out var field);
        return Decision(fields.GetValueOrDefault("decision")) switch
        {
            { } approved => (approved, comment, edited, field, null),
            null => (null, null, null, null, ("decision", "Choose Approve or Reject.")),
        };

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    private static (bool? Approved, string? Comment, string? Edited, string? Field, (string Field, string Message)? Problem) ReadJson(string? body)
    {
        const string Shape = "Send {\"approved\": true|false, \"comment\": \"...\"} (or \"decision\": \"approve\"|\"reject\"), and \"edited\": \"...\" where edits are allowed.";
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null, null, ("$", "The body is not a JSON object. " + Shape));
            }

            var comment = root.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string? edited = null;
            if (root.TryGetProperty("edited", out var e))
            {
                edited = e.ValueKind switch
                {
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Object => e.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => "\u0000",
                };
                if (edited == "\u0000")
                {
                    return (null, null, null, null, ("$.edited", "The edit must be text (or, for a tool call's arguments, a JSON object). " + Shape));
                }
            }

            if (root.TryGetProperty("approved", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return (a.GetBoolean(), comment, edited, null, null);
            }

            if (root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String && Decision(d.GetString()) is { } approved)
            {
                return (approved, comment, edited, null, null);
            }

            return (null, null, null, null, ("$.approved", "The decision is missing. " + Shape));
        }
        catch (JsonException e)
        {
            return (null, null, null, null, (e.Path ?? "$", "The body is not JSON. " + Shape));
        }
    }

    private static bool? Decision(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "approve" or "approved" or "yes" => true,
        "reject" or "rejected" or "no" => false,
        _ => null,
    };

    private static bool IsJson(string? contentType)
    {
        var media = (contentType ?? string.Empty).Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static string? StepOf(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(customStatus);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return document.RootElement.ToString();
            }

            var root = document.RootElement;
            var state = root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var step = root.TryGetProperty("step", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return (state, step) switch
            {
                (null, null) => null,
                (_, null or "") => state,
                (null, _) => step,
                _ => $"{state}: {step}",
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
