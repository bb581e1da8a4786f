using Baton.Agents;
using Baton.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// One catalog run to make on both engines: the workflow, its input, how people answer its approvals (by the order
/// in which they are asked; null lets the request time out), settings, and services to put in place of the app's.
/// </summary>
internal sealed record ConformanceScenario(string Workflow, object Input)
{
    /// <summary>The decision for the n-th approval request (0-based); null leaves it unanswered.</summary>
    public Func<ApprovalNotification, int, ApprovalDecision?> Decide { get; init; } = (n, _) => Approve(n);

    /// <summary>Configuration both engines' containers read (model settings, for one).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Services put in place of the app's, in both containers.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>
    /// The application's own registrations, made on both engines with the public call: <c>services.AddBaton(Baton)</c>
    /// on Baton's engine, <c>AddBatonFunctionsApp(..., Baton)</c> on the Functions app.
    /// </summary>
    public Action<BatonBuilder>? Baton { get; init; }

    /// <summary>
    /// Assemblies the Functions app references besides Baton's: their <c>[DurableTask]</c> classes get the functions the
    /// app's source generator writes for them (found by running the generator over a compilation that references them).
    /// </summary>
    public IReadOnlyList<System.Reflection.Assembly> AppReferences { get; init; } = [];

    /// <summary>How long the run may take on one engine.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The first approver on the request approves.</summary>
    public static ApprovalDecision Approve(ApprovalNotification notification, string? comment = null) =>
        new(true, notification.Request.Approvers[0], comment, notification.Request.RequestedAt);

    /// <summary>The first approver on the request rejects.</summary>
    public static ApprovalDecision Reject(ApprovalNotification notification, string? comment = null) =>
        new(false, notification.Request.Approvers[0], comment, notification.Request.RequestedAt);
}
