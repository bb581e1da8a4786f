using System.Net.Http.Headers;
using System.Text;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// Sends a webhook step's request. Refuses a URL that is not allow-listed (checked again here, not only when loading);
/// any answer other than 2xx fails the activity so that the step's retry policy applies. Runs at least once per
/// attempt: endpoints should treat the <c>Idempotency-Key</c> header (instance id and step) as a duplicate guard.
/// </summary>
[DurableTask(WorkflowNames.CallWebhookActivity)]
public sealed class CallWebhookActivity(DeclarativeWorkflowOptions? options = null) : TaskActivity<WebhookRequest, WebhookResponse>
{
    private static readonly Lock ClientLock = new();
    private static HttpClient? _defaultClient;
    private readonly DeclarativeWorkflowOptions _options = options ?? new DeclarativeWorkflowOptions();

    /// <inheritdoc />
    public override async Task<WebhookResponse> RunAsync(TaskActivityContext context, WebhookRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (!Uri.TryCreate(input.Url, UriKind.Absolute, out var url) || !_options.IsAllowed(url))
        {
            throw new InvalidOperationException($"The webhook URL {input.Url} is not allow-listed. Add its prefix to DeclarativeWorkflowOptions.AllowedWebhookUrls.");
        }

        using var request = new HttpRequestMessage(new HttpMethod(input.Method), url);
        foreach (var (name, value) in input.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.InstanceId + ":" + context.Name.Name);
        if (input.Body is not null)
        {
            var json = input.Body.TrimStart() is ['{', ..] or ['[', ..];
            request.Content = new StringContent(input.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(json ? "application/json" : "text/plain") { CharSet = "utf-8" };
        }

        using var response = await Client().SendAsync(request, context.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook {input.Method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        return new WebhookResponse((int)response.StatusCode, body);
    }

    private HttpClient Client()
    {
        if (_options.WebhookClient is { } client)
        {
            return client;
        }

        lock (ClientLock)
        {
            return _defaultClient ??= new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        }
    }
}
