using Baton.Http;
using Microsoft.AspNetCore.Http;

namespace Baton.Host;

/// <summary>Refuses a request with 401 unless keys are off or it carries a configured key in <c>x-functions-key</c> or <c>?code=</c>.</summary>
internal sealed class RequireKeyFilter(HostKeys keys) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!keys.Accepts(PresentedKey(context.HttpContext.Request)))
        {
            return new HttpReplyResult(Problems.Unauthorized($"This endpoint needs a key: send it in the {HostKeys.HeaderName} header or as ?code=."));
        }

        return await next(context);
    }

    /// <summary>The key a request presents, header first.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HostKeys.HeaderName].ToString();
        return header.Length > 0 ? header : request.Query["code"].ToString() is { Length: > 0 } code ? code : null;
    }
}
