using Baton.Functions.Functions;
using Baton.Functions.Tests.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Functions.Tests.Dashboard;

/// <summary>
/// The app's two dashboard functions behind a Kestrel server on 127.0.0.1, standing in for the Functions host: the shell
/// (<c>DashboardShell</c>, <c>/api/dashboard/{*path}</c>) answers anyone, as <c>AuthorizationLevel.Anonymous</c> does; the
/// data route (<c>Dashboard</c>, <c>/api/dashboard-data/{*path}</c>) needs the function key as the host checks it for
/// <c>AuthorizationLevel.Function</c> (<c>x-functions-key</c> header or <c>code</c> query, an empty 401 otherwise). Each
/// request reaches the function as the worker's <c>HttpRequestData</c>, with the Durable client of the conformance host
/// (Microsoft's DurableTaskTestHost), and the function's response is written back.
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
        // The shell: anonymous, like AuthorizationLevel.Anonymous, GET only.
        app.MapGet("/api/" + DashboardFunction.AddressRoute + "/{**path}", async (HttpContext http) =>
        {
            var context = FunctionsWorkerParts.FunctionContext(durable.Services, http.RequestAborted);
            var function = ActivatorUtilities.CreateInstance<DashboardFunction>(durable.Services);
            await WriteAsync(http, await function.Shell(FunctionRequest(http, context, string.Empty)));
        });
        // The pages, fragments and actions: the Functions host's key rule for AuthorizationLevel.Function.
        app.MapMethods("/api/" + DashboardFunction.DataRoute + "/{**path}", ["GET", "POST"], async (HttpContext http) =>
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
            var function = ActivatorUtilities.CreateInstance<DashboardFunction>(durable.Services);
            await WriteAsync(http, await function.Serve(FunctionRequest(http, context, body), durable.Client, context));
        });
        await app.StartAsync();
        return new FunctionsDashboardHost(app);
    }

    private static FakeHttpRequest FunctionRequest(HttpContext http, FunctionContext context, string body)
    {
        var request = http.Request;
        var headers = request.Headers.Select(h => (h.Key, h.Value.ToString())).ToArray();
        return new FakeHttpRequest(context, request.Method, $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}", body, headers);
    }

    private static async Task WriteAsync(HttpContext http, HttpResponseData written)
    {
        var response = (FakeHttpResponse)written;
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
    }

    /// <summary>The dashboard's address <paramref name="path"/> with the key as <c>?code=</c>, as a first open uses it.</summary>
    public string Url(string path) => BaseUrl + path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=" + Key;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
