namespace Baton.Workflows;

/// <summary>
/// Marks a list of strings whose every item must be an email address: the input's JSON Schema gets
/// <c>"items": { "format": "email" }</c>, which the start path and the workflow check alike (see
/// <see cref="WorkflowInputSchema"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false)]
public sealed class EmailAddressesAttribute : Attribute;
