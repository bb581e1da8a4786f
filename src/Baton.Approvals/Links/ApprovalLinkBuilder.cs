using Microsoft.Extensions.Options;

namespace Baton.Approvals;

/// <summary>Builds <c>{PublicBaseUrl}/api/approvals/{token}</c> links.</summary>
public sealed class ApprovalLinkBuilder : IApprovalLinkBuilder
{
    /// <summary>The path under <see cref="ApprovalOptions.PublicBaseUrl"/> where approval pages are served.</summary>
    public const string RoutePrefix = "api/approvals";

    private readonly Uri baseUri;

    /// <summary>Creates the builder.</summary>
    /// <exception cref="ApprovalConfigurationException"><see cref="ApprovalOptions.PublicBaseUrl"/> is not an absolute http(s) URL.</exception>
    public ApprovalLinkBuilder(IOptions<ApprovalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = options.Value.PublicBaseUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new ApprovalConfigurationException(
                $"The setting {ApprovalOptions.SectionName}:PublicBaseUrl ('{text}') must be an absolute http or https URL, e.g. http://localhost:7071.");
        }

        baseUri = new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    /// <inheritdoc />
    public Uri Build(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new Uri(baseUri, RoutePrefix + "/" + Uri.EscapeDataString(token));
    }
}
