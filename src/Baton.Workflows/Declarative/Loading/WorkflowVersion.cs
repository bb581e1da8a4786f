using System.Security.Cryptography;
using System.Text;

namespace Baton.Workflows;

/// <summary>The version of a workflow file: the first 16 hex digits of the SHA-256 of its text. Same text, same version.</summary>
internal static class WorkflowVersion
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
