namespace Baton.Workflows;

/// <summary>An HTTP call a declarative workflow's webhook step makes, through <see cref="CallWebhookActivity"/>.</summary>
/// <param name="Url">The absolute URL; it must be allow-listed.</param>
/// <param name="Method">GET, POST, PUT, PATCH or DELETE.</param>
/// <param name="Headers">Request headers.</param>
/// <param name="Body">The body (JSON when it parses as JSON); none when null.</param>
public sealed record WebhookRequest(string Url, string Method, IReadOnlyDictionary<string, string> Headers, string? Body);
