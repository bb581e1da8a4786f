using Baton.Durable.AzureStorage;
using Baton.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Host;

/// <summary>
/// Answers a request that failed because storage is down with 503 problem details and <c>Retry-After</c> (instead of
/// a 500 with an empty body), and logs what is down; a payload over the store's hard limit gets 413. Nothing was
/// changed by such a request, so the client can send it again as it is.
/// </summary>
internal static class StorageOutageAnswers
{
    /// <summary>Seconds a client should wait before trying again while storage is down.</summary>
    public const string RetryAfterSeconds = "10";

    public static IApplicationBuilder UseStorageOutageAnswers(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested && StorageOutage.IsOutage(e))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageOutageAnswers));
            Log.StorageDown(logger, $"{context.Request.Method} {context.Request.Path}", e.GetBaseException().Message);
            await new HttpReplyResult(Problems.Unavailable("Azure Storage", TimeSpan.FromSeconds(int.Parse(RetryAfterSeconds, System.Globalization.CultureInfo.InvariantCulture))))
                .ExecuteAsync(context);
        }
        catch (PayloadTooLargeException e) when (!context.Response.HasStarted)
        {
            await new HttpReplyResult(Problems.Create(413, "The request body is too large.", e.Message)).ExecuteAsync(context);
        }
    });
}
