using System.Text.Json;

namespace Baton.Workflows.Hosting;

/// <summary>
/// Carries a whole <see cref="Durable.TaskFailureDetails"/> through a host whose failure record holds only a type name and a
/// message (Durable Functions): the details travel as a marked JSON trailer after the readable message, and are read back
/// on the orchestration side. Messages without the trailer decode to null.
/// </summary>
public static class DurableFailureCodec
{
    /// <summary>The line that separates the readable message from the encoded details.</summary>
    public const string Marker = "\n--baton-failure-details:";

    /// <summary>The readable message followed by the encoded details.</summary>
    public static string Encode(Durable.TaskFailureDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return details.ErrorMessage + Marker + JsonSerializer.Serialize(details, Durable.JsonDataConverter.Default.Options);
    }

    /// <summary>The details encoded in <paramref name="message"/>, or null when it carries none (or they cannot be read).</summary>
    public static Durable.TaskFailureDetails? TryDecode(string? message)
    {
        var at = message?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Durable.TaskFailureDetails>(message![(at + Marker.Length)..], Durable.JsonDataConverter.Default.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The readable part of a message, without the encoded trailer.</summary>
    public static string Readable(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    /// <summary>
    /// The host's own failure types that have a Baton equivalent, so that <see cref="Durable.TaskFailureDetails.IsCausedBy{T}"/>
    /// answers alike on both engines: Durable's replay reports non-determinism with its own exception type.
    /// </summary>
    private static readonly Dictionary<string, string> HostFailureTypes = new(StringComparer.Ordinal)
    {
        ["DurableTask.Core.Exceptions.NonDeterministicOrchestrationException"] = typeof(Durable.NonDeterministicOrchestrationException).FullName!,
    };

    /// <summary>
    /// Rebuilds Baton's failure details from a host's (type, message, stack, inner) chain, preferring encoded details
    /// where the message carries them; host exception types with a Baton equivalent are named as Baton's.
    /// </summary>
    public static Durable.TaskFailureDetails FromHostFailure(string errorType, string errorMessage, string? stackTrace, Durable.TaskFailureDetails? inner) =>
        TryDecode(errorMessage) ?? new Durable.TaskFailureDetails(HostFailureTypes.GetValueOrDefault(errorType ?? string.Empty, errorType!), errorMessage, stackTrace, inner);
}
