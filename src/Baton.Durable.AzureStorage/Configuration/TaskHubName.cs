using System.Globalization;

namespace Baton.Durable.AzureStorage;

/// <summary>The names a task hub gives its tables, queues and containers, checked against Azure Storage's naming rules.</summary>
internal sealed class TaskHubName
{
    public const int MinLength = 3;
    public const int MaxLength = 45;

    private TaskHubName(string name, int partitionCount)
    {
        Name = name;
        var lower = name.ToLowerInvariant();
        InstancesTable = name + "Instances";
        HistoryTable = name + "History";
        ControlQueues = Enumerable.Range(0, partitionCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"{lower}-control-{i:D2}")).ToArray();
        WorkItemQueue = lower + "-workitems";
        PoisonQueue = lower + "-poison";
        PayloadContainer = lower + "-payloads";
        LeaseContainer = lower + "-leases";
    }

    public string Name { get; }

    public string InstancesTable { get; }

    public string HistoryTable { get; }

    public IReadOnlyList<string> ControlQueues { get; }

    public string WorkItemQueue { get; }

    public string PoisonQueue { get; }

    public string PayloadContainer { get; }

    public string LeaseContainer { get; }

    public static TaskHubName Create(string name, int partitionCount)
    {
        Validate(name);
        return new TaskHubName(name, partitionCount);
    }

    /// <summary>Throws <see cref="InvalidTaskHubNameException"/> naming the rule a bad name breaks.</summary>
    public static void Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidTaskHubNameException(name ?? string.Empty, "it is empty; set hubName to 3 to 45 letters and digits");
        }

        if (name.Length is < MinLength or > MaxLength)
        {
            throw new InvalidTaskHubNameException(name, $"it has {name.Length} characters; table, queue and container names derived from it need 3 to {MaxLength}");
        }

        if (!char.IsAsciiLetter(name[0]))
        {
            throw new InvalidTaskHubNameException(name, "it must start with a letter (table names start with a letter)");
        }

        var bad = name.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c));
        if (bad != default)
        {
            throw new InvalidTaskHubNameException(name, $"it contains '{bad}'; only letters and digits are allowed (table names are alphanumeric)");
        }
    }
}
