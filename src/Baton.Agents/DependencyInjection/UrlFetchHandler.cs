namespace Baton.Agents;

/// <summary>Register one to give <c>fetch_url</c> its own HTTP handler (a proxy, a test server).</summary>
/// <param name="Handler">The handler; it should not follow redirects by itself, so each target is checked.</param>
public sealed record UrlFetchHandler(HttpMessageHandler Handler);
