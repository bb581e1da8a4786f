namespace Baton.Workflows.Hosting;

/// <summary>
/// An activity failure on its way through a host that records only a type name and a message: the message is the
/// failure's readable message plus the encoded <see cref="Durable.TaskFailureDetails"/> (<see cref="DurableFailureCodec"/>).
/// </summary>
public sealed class DurableActivityException : Exception
{
    /// <summary>Wraps a failure.</summary>
    public DurableActivityException(Durable.TaskFailureDetails details)
        : base(DurableFailureCodec.Encode(details ?? throw new ArgumentNullException(nameof(details)))) => Details = details;

    /// <summary>The failure being carried.</summary>
    public Durable.TaskFailureDetails Details { get; }
}
