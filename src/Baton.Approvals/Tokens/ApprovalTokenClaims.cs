namespace Baton.Approvals;

/// <summary>What an approval token binds: one approver's answer to one event of one instance, until a deadline.</summary>
/// <param name="InstanceId">The orchestration instance that waits for the decision.</param>
/// <param name="EventName">The external event that carries the decision.</param>
/// <param name="Approver">Who the link was issued to; the decision is recorded under this name.</param>
/// <param name="ExpiresAt">After this instant the token is <see cref="ApprovalTokenStatus.Expired"/>.</param>
/// <param name="Nonce">Random text that makes each issued token unique.</param>
public sealed record ApprovalTokenClaims(string InstanceId, string EventName, string Approver, DateTimeOffset ExpiresAt, string Nonce);
