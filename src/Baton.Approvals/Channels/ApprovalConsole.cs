namespace Baton.Approvals;

/// <summary>The <see cref="IApprovalConsole"/> that writes to <see cref="Console.Out"/>.</summary>
public sealed class ApprovalConsole : IApprovalConsole
{
    /// <inheritdoc />
    public void WriteLine(string line) => Console.Out.WriteLine(line);
}
