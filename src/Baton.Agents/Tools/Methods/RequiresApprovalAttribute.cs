namespace Baton.Agents;

/// <summary>
/// A tool method whose every call waits for a person's approval of that exact call (tool and arguments) before it runs;
/// a rejection reaches the model as the tool's result and the method does not run.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresApprovalAttribute : Attribute
{
    /// <summary>
    /// Who may approve a call of this tool (e-mail addresses or user names). Empty: the approvers of the agent run
    /// (<see cref="AgentRunOptions.Approvers"/>).
    /// </summary>
    public string[] Approvers { get; init; } = [];
}
