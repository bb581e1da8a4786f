using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Baton.Agents;
using Microsoft.Extensions.AI;

namespace Baton.Workflows;

/// <summary>
/// The <c>create_ticket</c> tool: requires approval and is side-effecting. The ticket id is derived from the call's
/// idempotency key, and the write replaces, so a retried activity creates the ticket once.
/// </summary>
public sealed class TicketTools(TicketStore tickets, TimeProvider time)
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "create_ticket";

    /// <summary>The tool, ready for a <see cref="ToolCatalog"/>.</summary>
    public AgentTool CreateTool() =>
        new(
            AIFunctionFactory.Create(CreateAsync, ToolName, "Creates an escalation ticket for the support team. A person approves every ticket before it is created."),
            RequiresApproval: true,
            SideEffecting: true);

    /// <summary>Creates a ticket and answers with its id and location as JSON.</summary>
    public async Task<string> CreateAsync(
        [Description("A one-line title for the ticket")] string title,
        [Description("What happened, what the customer needs, and what has been tried")] string description,
        [Description("Low, Normal, High or Critical")] string priority,
        AIFunctionArguments arguments,
        CancellationToken cancellationToken = default)
    {
        var call = ToolCallContext.From(arguments);
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new ToolInputException("Give the ticket a title.");
        }

        // Eight decimal digits from the call's idempotency key: the same ticket on every attempt of this call, and an id
        // that reads as one token pattern to a model whatever its value (prompts that quote it cost the same on every engine).
        var hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(call.IdempotencyKey)));
        var id = "TKT-" + (hash % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var path = id + ".json";
        var ticket = new
        {
            id,
            title,
            description,
            priority,
            instanceId = call.InstanceId,
            createdBy = call.AgentName,
            createdAt = time.GetUtcNow(),
        };
        await tickets.Documents.WriteAsync(path, JsonSerializer.Serialize(ticket, StructuredOutputValidator.SerializerOptions), cancellationToken);
        return JsonSerializer.Serialize(new CreatedTicket(id, tickets.Name + "/" + path), StructuredOutputValidator.SerializerOptions);
    }
}
