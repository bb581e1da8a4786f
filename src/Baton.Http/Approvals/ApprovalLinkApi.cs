using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Http;

/// <summary>
/// The approval link: <c>GET /api/approvals/{token}</c> shows what is asked; only <c>POST</c> records a decision (form
/// with the anti-forgery field, or JSON <c>{"approved": true, "comment": "..."}</c>), raising the request's event with an
/// <see cref="ApprovalDecision"/> carrying the token's approver, the comment and the time. A tampered or malformed token
/// answers 401, an expired one 410, an unknown run 404, an approval already decided or no longer awaited 409: each with
/// a page (or problem details for JSON) that says so, and no event raised. Thread-safe. Hosts that make one per request
/// pass the process's <see cref="RecentApprovalDecisions"/>, so that two quick POSTs on one link record one decision.
/// </summary>
public sealed class ApprovalLinkApi(
    DurableTaskClient client,
    IApprovalTokenService tokens,
    ApprovalAntiforgery antiforgery,
    TimeProvider? timeProvider = null,
    ILogger<ApprovalLinkApi>? logger = null,
    RecentApprovalDecisions? recentDecisions = null)
{
    private readonly RecentApprovalDecisions _decided = recentDecisions ?? new RecentApprovalDecisions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ILogger _logger = logger ?? NullLogger<ApprovalLinkApi>.Instance;
    private readonly ApprovalHistoryReader _reader = new(client);

    /// <summary>The page for a link.</summary>
    public async Task<HttpReply> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        var (claims, refusal) = Check(token, json: false);
        if (claims is null)
        {
            return refusal!;
        }

        var situation = await _reader.ReadAsync(claims.InstanceId, claims.EventName, cancellationToken);
        if (Refuse(claims, situation, json: false) is { } refused)
        {
            return refused;
        }

        var (cookie, field) = antiforgery.Issue(token);
        return HttpReply.FromHtml(200, ApprovalPage.Ask(claims, situation, field))
            .WithHeader("Set-Cookie", ApprovalAntiforgery.SetCookieHeader(cookie))
            .WithHeader("Cache-Control", "no-store")
            .WithHeader("Referrer-Policy", "no-referrer");
    }

    /// <summary>Records a decision from a form or JSON body.</summary>
    public async Task<HttpReply> PostAsync(string token, string? contentType, string? body, string? cookieHeader, CancellationToken cancellationToken = default)
    {
        var json = IsJson(contentType);
        var (claims, refusal) = Check(token, json);
        if (claims is null)
        {
            return refusal!;
        }

        var (approved, comment, field, problem) = json ? ReadJson(body) : ReadForm(body);
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

        var situation = await _reader.ReadAsync(claims.InstanceId, claims.EventName, cancellationToken);
        if (Refuse(claims, situation, json) is { } refused)
        {
            return refused;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        if (!_decided.TryClaim(claims.InstanceId, claims.EventName, now))
        {
            return Conflict(json, "Already decided", "A decision on this approval was just recorded.");
        }

        var decision = new ApprovalDecision(approved!.Value, claims.Approver, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), now);
        try
        {
            await client.RaiseEventAsync(claims.InstanceId, claims.EventName, decision, cancellationToken);
        }
        catch (OrchestrationFinishedException)
        {
            _decided.Release(claims.InstanceId, claims.EventName);
            return Conflict(json, "No longer waiting", "The run finished before the decision arrived.");
        }
        catch
        {
            _decided.Release(claims.InstanceId, claims.EventName);
            throw;
        }

        Log.DecisionRecorded(_logger, claims.InstanceId, claims.EventName, claims.Approver, decision.Approved);
        return json
            ? HttpReply.FromJson(200, new JsonObject
            {
                ["recorded"] = true,
                ["instanceId"] = claims.InstanceId,
                ["eventName"] = claims.EventName,
                ["approved"] = decision.Approved,
                ["approver"] = decision.Approver,
                ["comment"] = decision.Comment,
                ["decidedAt"] = decision.DecidedAt,
            })
            : HttpReply.FromHtml(200, ApprovalPage.Recorded(decision.Approved, decision.Approver, decision.Comment, now));
    }

    /// <summary><c>GET /api/approvals?status=pending[&amp;approver=]</c>: what is waiting for whom.</summary>
    public async Task<HttpReply> ListAsync(string? status, string? approver, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(status ?? "pending", "pending", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.InvalidField("status", $"'{status}' is not supported; use status=pending.");
        }

        var pending = await _reader.PendingAsync(_time.GetUtcNow(), string.IsNullOrWhiteSpace(approver) ? null : approver, cancellationToken);
        return HttpReply.FromJson(200, pending);
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

    private HttpReply? Refuse(ApprovalTokenClaims claims, ApprovalSituation situation, bool json)
    {
        if (situation.Instance is null)
        {
            return json
                ? Problems.InstanceNotFound(claims.InstanceId)
                : HttpReply.FromHtml(404, ApprovalPage.Refused("Run not found", "The run this approval belongs to no longer exists."));
        }

        if (situation.Decision is { } decision)
        {
            return Conflict(json, "Already decided", decision.IsDefault
                ? "No decision came before the deadline, so the default applied."
                : $"{decision.Approver} already {(decision.Approved ? "approved" : "rejected")} this.");
        }

        if (!situation.IsWaiting(_time.GetUtcNow()))
        {
            return Conflict(json, "No longer waiting", situation.Instance.IsCompleted
                ? $"The run has finished ({situation.Instance.RuntimeStatus})."
                : "The run is not waiting for this approval any more.");
        }

        return null;
    }

    private static HttpReply Conflict(bool json, string title, string message) =>
        json ? Problems.Create(409, title + ".", message) : HttpReply.FromHtml(409, ApprovalPage.Refused(title, message));

    private static (bool? Approved, string? Comment, string? Field, (string Field, string Message)? Problem) ReadForm(string? body)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (body ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            fields.TryAdd(name, eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]));
        }

        fields.TryGetValue("comment", out var comment);
        fields.TryGetValue(ApprovalAntiforgery.FieldName, out var field);
        return Decision(fields.GetValueOrDefault("decision")) switch
        {
            { } approved => (approved, comment, field, null),
            null => (null, null, null, ("decision", "Choose Approve or Reject.")),
        };

        static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }

    private static (bool? Approved, string? Comment, string? Field, (string Field, string Message)? Problem) ReadJson(string? body)
    {
        const string Shape = "Send {\"approved\": true|false, \"comment\": \"...\"} (or \"decision\": \"approve\"|\"reject\").";
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null, ("$", "The body is not a JSON object. " + Shape));
            }

            var comment = root.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            if (root.TryGetProperty("approved", out var a) && a.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return (a.GetBoolean(), comment, null, null);
            }

            if (root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String && Decision(d.GetString()) is { } approved)
            {
                return (approved, comment, null, null);
            }

            return (null, null, null, ("$.approved", "The decision is missing. " + Shape));
        }
        catch (JsonException e)
        {
            return (null, null, null, (e.Path ?? "$", "The body is not JSON. " + Shape));
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
}
