namespace Baton.Agents;

/// <summary>
/// Thrown by a tool whose arguments cannot be used (a path outside its container, a URL not on the allow-list).
/// The tool activity turns it into an error result that the model sees, so the model can correct itself;
/// any other exception fails the activity.
/// </summary>
public sealed class ToolInputException(string message) : ArgumentException(message);
