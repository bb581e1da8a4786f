namespace Baton.Dashboard;

/// <summary>One page of the runs list and the token of the next page, if any.</summary>
internal sealed record RunPage(RunFilter Filter, IReadOnlyList<RunRow> Rows, string? NextPage, DateTimeOffset Now);
