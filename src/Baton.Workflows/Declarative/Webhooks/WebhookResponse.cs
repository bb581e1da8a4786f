namespace Baton.Workflows;

/// <summary>A webhook's successful answer.</summary>
/// <param name="Status">The HTTP status code (2xx).</param>
/// <param name="Body">The response body as text.</param>
public sealed record WebhookResponse(int Status, string Body);
