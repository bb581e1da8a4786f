namespace Baton.Agents;

/// <summary>
/// Binds a <c>string</c> parameter of a tool method to <see cref="ToolCallContext.IdempotencyKey"/>: the same on every
/// attempt of one call, different for every other call. The model never sees the parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class IdempotencyKeyAttribute : Attribute;
