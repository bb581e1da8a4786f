using System.Text.Json.Nodes;
using Baton.Workflows;

namespace Baton.Http;

/// <summary>
/// Problem details answers (RFC 9457, <c>application/problem+json</c>): <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>, and for invalid input an <c>errors</c> object keyed by the JSON path of each bad field.
/// </summary>
public static partial class Problems
{
    /// <summary>Builds a problem answer; <paramref name="extensions"/> become extra top-level members.</summary>
    public static HttpReply Create(int status, string title, string detail, IReadOnlyDictionary<string, JsonNode?>? extensions = null)
    {
        var body = new JsonObject
        {
            ["type"] = TypeFor(status),
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, JsonNode?>())
        {
            body[key] = value;
        }

        return new HttpReply(status, HttpReply.ProblemJson, body.ToJsonString(HttpReply.SerializerOptions));
    }

    /// <summary>400 naming the field at fault (a JSON path such as <c>$.approvers</c>, or a query parameter).</summary>
    public static HttpReply InvalidField(string field, string detail, string title = "The request is not valid.") =>
        Create(400, title, detail, new Dictionary<string, JsonNode?>
        {
            ["field"] = field,
            ["errors"] = new JsonObject { [field] = new JsonArray(detail) },
        });

    /// <summary>
    /// 400 for a workflow input that breaks its rules, in ASP.NET Core's ValidationProblemDetails shape: <c>errors</c>
    /// maps each JSON path at fault to its messages, <c>field</c> is the first of them, and <c>detail</c> says it all
    /// in one sentence.
    /// </summary>
    public static HttpReply InvalidInput(string workflow, IReadOnlyList<WorkflowInputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byField = new JsonObject();
        foreach (var group in errors.GroupBy(e => e.Field, StringComparer.Ordinal))
        {
            byField[group.Key] = new JsonArray([.. group.Select(e => (JsonNode)e.Message)]);
        }

        return Create(400, "The workflow input is not valid.", WorkflowInputException.Describe(workflow, errors), new Dictionary<string, JsonNode?>
        {
            ["field"] = errors.Count > 0 ? errors[0].Field : "$",
            ["errors"] = byField,
        });
    }

    /// <summary>400 without a single field at fault.</summary>
    public static HttpReply BadRequest(string detail, string title = "The request is not valid.") => Create(400, title, detail);

    /// <summary>401: the credentials (function key, approval token) are missing or wrong.</summary>
    public static HttpReply Unauthorized(string detail) => Create(401, "Not authorized.", detail);

    /// <summary>404 for an unknown instance.</summary>
    public static HttpReply InstanceNotFound(string instanceId) =>
        Create(404, "Instance not found.", $"No orchestration instance with id '{instanceId}' exists.", new Dictionary<string, JsonNode?> { ["instanceId"] = instanceId });

    /// <summary>409 with a reason.</summary>
    public static HttpReply Conflict(string detail, IReadOnlyDictionary<string, JsonNode?>? extensions = null) => Create(409, "Conflict.", detail, extensions);

    /// <summary>410 for an instance that has finished.</summary>
    public static HttpReply Gone(string instanceId, string status) =>
        Create(410, "Instance has finished.", $"Orchestration instance '{instanceId}' has already finished ({status}); it no longer takes this request.", new Dictionary<string, JsonNode?>
        {
            ["instanceId"] = instanceId,
            ["runtimeStatus"] = status,
        });

    /// <summary>413: a body over the configured limit, naming the limit and where to change it.</summary>
    public static HttpReply PayloadTooLarge(long limitBytes, string what, string setting) =>
        Create(413, "The request body is too large.", $"The {what} is larger than {limitBytes:N0} bytes. Send less, or raise the limit with {setting}.", new Dictionary<string, JsonNode?>
        {
            ["limitBytes"] = limitBytes,
        });

    /// <summary>503 with <c>Retry-After</c>: storage (or another dependency) does not answer; nothing was changed.</summary>
    public static HttpReply Unavailable(string what, TimeSpan retryAfter) =>
        Create(503, "Service unavailable.", $"{what} does not answer right now; nothing was changed. Retry later.", new Dictionary<string, JsonNode?>
        {
            ["unavailable"] = what,
        }).WithHeader("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An exception's message without the "(Parameter 'x')" suffix .NET adds to argument exceptions.</summary>
    public static string WithoutParameterName(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return WithoutParameterName(exception.Message);
    }

    /// <summary>
    /// <paramref name="message"/> without any " (Parameter 'x')" that .NET's argument exceptions append, wherever it
    /// stands (a failure message that wraps another keeps it in the middle): the name of a method's parameter tells
    /// the person reading an HTTP answer nothing about what to fix.
    /// </summary>
    public static string WithoutParameterName(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Contains(" (Parameter '", StringComparison.Ordinal) ? ParameterSuffix().Replace(message, string.Empty) : message;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" \(Parameter '[^'\r\n]*'\)")]
    private static partial System.Text.RegularExpressions.Regex ParameterSuffix();

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
