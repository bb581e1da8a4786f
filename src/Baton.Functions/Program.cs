using Baton.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions app: the same workflows, agents and activities as the local host, with Durable Functions as the
// engine. Azure OpenAI comes from AZURE_OPENAI_ENDPOINT / AZURE_OPENAI_DEPLOYMENT with the app's managed identity
// (DefaultAzureCredential honours AZURE_CLIENT_ID). The YAML workflows deploy with the app (workflows/ is copied to
// the output).
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddBatonFunctionsApp(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "workflows"));
builder.Build().Run();
