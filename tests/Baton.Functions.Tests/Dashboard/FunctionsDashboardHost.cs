using Baton.Functions.Functions;
using Baton.Functions.Tests.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Functions.Tests.Dashboard;

/// <summary>
/// The app's Dashboard function behind a Kestrel server on 127.0.0.1, standing in for the Functions host: it checks the
/// function key as the host does for <c>AuthorizationLevel.Function</c> (<c>x-functions-key</c> header or <c>code</c>
/// query, 401 otherwise), hands the request to the function as the worker's <c>HttpRequestData</c> with the Durable client
/// of the conformance host (Microsoft's DurableTaskTestHost), and writes the function's response back.
/// </summary>
internal sealed class FunctionsDashboardHost : IAsyncDisposable
{
    public const string Key = "functions-dashboard-key";

    private readonly WebApplication _app;

    private FunctionsDashboardHost(WebApplication app)
    {
        _app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public static async Task<FunctionsDashboardHost> StartAsync(DurableFunctionsEngine durable)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapMethods("/api/" + DashboardFunction.Route + "/{**path}", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.Request;
            if (request.Headers["x-functions-key"] != Key && request.Query["code"] != Key)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var context = FunctionsWorkerParts.FunctionContext(durable.Services, http.RequestAborted);
            var headers = request.Headers.Select(h => (h.Key, h.Value.ToString())).ToArray();
            var functionRequest = new FakeHttpRequest(context, request.Method, $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}", body, headers);
            var function = ActivatorUtilities.CreateInstance<DashboardFunction>(durable.Services);
            var response = (FakeHttpResponse)await function.Serve(functionRequest, durable.Client, context);

            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers)
            {
                if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    http.Response.ContentType = string.Join(", ", header.Value);
                }
                else
                {
                    http.Response.Headers.Append(header.Key, header.Value.ToArray());
                }
            }

            await http.Response.Body.WriteAsync(((MemoryStream)response.Body).ToArray(), http.RequestAborted);
        });
        await app.StartAsync();
        return new FunctionsDashboardHost(app);
    }

    public string Url(string path) => BaseUrl + path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=" + Key;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
