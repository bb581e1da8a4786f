namespace Baton.Agents;

/// <summary>One recorded model call as stored on disk: what was sent and what came back, in a provider-neutral form.</summary>
/// <param name="Key">The SHA-256 of the request's canonical JSON (hex, first 32 digits): the file's name.</param>
/// <param name="ModelKey">The model key the call was made for.</param>
/// <param name="Request">What was sent.</param>
/// <param name="Response">What came back.</param>
public sealed record RecordedExchange(string Key, string ModelKey, RecordedRequest Request, RecordedResponse Response);
