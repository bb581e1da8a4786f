using System.Net;

namespace Baton.Workflows;

/// <summary>
/// A report was published but could not be announced. The message says what to check and never contains the
/// webhook address, which is a secret.
/// </summary>
public sealed class ReportAnnouncementException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public ReportAnnouncementException(string message, Exception? innerException = null, HttpStatusCode? statusCode = null)
        : base(message, innerException, statusCode)
    {
    }
}
