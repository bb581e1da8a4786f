namespace Baton.Agents;

/// <summary>A sentence the offline model may repeat, and where it came from (a document path, "input" or a tool).</summary>
internal sealed record OfflineFact(string Text, string Source);
