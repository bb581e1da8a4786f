using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Agents;
using Baton.Http;

namespace Baton.Dashboard;

/// <summary>
/// <c>POST {prefix}/approvals/decide</c>: the inbox's Approve / Reject, as JSON
/// <c>{"instanceId", "eventName", "approver", "approved", "comment", "edited"}</c>, through the same single-decision path as
/// the links (<see cref="ApprovalDecider"/>, channel <see cref="ApprovalChannels.Inbox"/>). Answers 200 for the winning
/// decision, 409 with who decided and when, 403 for an approver not on the list, 404, or 400 naming the field at fault.
/// JSON only: browsers cannot send it from another site without the dashboard's consent.
/// </summary>
internal static class InboxDecision
{
    public static async Task<HttpReply> DecideAsync(string? contentType, string? text, ApprovalDecider decider, CancellationToken cancellationToken)
    {
        var media = (contentType ?? string.Empty).Split(';', 2)[0].Trim();
        if (!media.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(415, "Send the decision as application/json.", null);
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(string.IsNullOrEmpty(text) ? "null" : text);
        }
        catch (JsonException e)
        {
            return Problem(400, "The body is not JSON: " + e.Message, "$");
        }

        string? Text(string name) => body?[name] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
        var instanceId = Text("instanceId");
        var eventName = Text("eventName");
        var approver = Text("approver");
        var approved = body?["approved"] is JsonValue a && a.TryGetValue<bool>(out var yes) ? yes : (bool?)null;
        foreach (var (field, value) in new[] { ("$.instanceId", instanceId), ("$.eventName", eventName), ("$.approver", approver) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Problem(400, $"'{field}' is missing.", field);
            }
        }

        if (approved is null)
        {
            return Problem(400, "'$.approved' must be true or false.", "$.approved");
        }

        var result = await decider.DecideAsync(
            new ApprovalBallot(instanceId!, eventName!, approver!, approved.Value, Text("comment"), ApprovalChannels.Inbox) { EditedText = Text("edited") },
            cancellationToken);
        var status = result.Outcome switch
        {
            ApprovalDecisionOutcome.Recorded => 200,
            ApprovalDecisionOutcome.AlreadyDecided or ApprovalDecisionOutcome.Closed => 409,
            ApprovalDecisionOutcome.NotFound => 404,
            ApprovalDecisionOutcome.NotAnApprover => 403,
            _ => 400,
        };
        var answer = new JsonObject
        {
            ["outcome"] = result.Outcome.ToString(),
            ["detail"] = result.Message,
            ["status"] = status,
        };
        if (result.Record?.Decision is { } decision && result.Record.IsDecided)
        {
            answer["decidedBy"] = decision.Approver;
            answer["decidedAt"] = decision.DecidedAt;
            answer["approved"] = decision.Approved;
        }

        if (result.Outcome == ApprovalDecisionOutcome.InvalidEdit)
        {
            answer["field"] = "$.edited";
        }

        return new HttpReply(status, status == 200 ? HttpReply.Json : HttpReply.ProblemJson, answer.ToJsonString());
    }

    private static HttpReply Problem(int status, string detail, string? field)
    {
        var answer = new JsonObject { ["title"] = "The decision was not recorded.", ["status"] = status, ["detail"] = detail };
        if (field is not null)
        {
            answer["field"] = field;
        }

        return new HttpReply(status, HttpReply.ProblemJson, answer.ToJsonString());
    }
}
