namespace Baton.Agents;

/// <summary>
/// A replayed run sent a request that was never recorded: a prompt, a tool, a schema or an earlier answer differs
/// from the recorded run. The message says where the closest recording first differs.
/// </summary>
public sealed class RecordedResponseNotFoundException(string message) : InvalidOperationException(message);
