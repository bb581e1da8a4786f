using Baton.Durable;

namespace Contoso.Quotes;

/// <summary>Trims a customer name and puts it in upper case.</summary>
[DurableTask(Name)]
public sealed class NormalizeCustomerActivity : TaskActivity<string, string>
{
    /// <summary>The activity's name.</summary>
    public const string Name = "normalize-customer";

    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult((input ?? string.Empty).Trim().ToUpperInvariant());
}
