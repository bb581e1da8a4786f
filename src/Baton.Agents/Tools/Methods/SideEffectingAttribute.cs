namespace Baton.Agents;

/// <summary>
/// A tool method that changes the world. Tool activities run at least once, so such a method takes the call's
/// idempotency key (a <c>string</c> parameter marked <see cref="IdempotencyKeyAttribute"/>, or a
/// <see cref="ToolCallContext"/> parameter) and does its effect once per key.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SideEffectingAttribute : Attribute;
