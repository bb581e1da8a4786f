namespace Baton.Durable;

/// <summary>What an activity knows about the call that scheduled it.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity's registered name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The id of the orchestration instance that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Cancelled when the host shuts down; the activity is then returned to the store and runs again later.</summary>
    public virtual CancellationToken CancellationToken => CancellationToken.None;
}
