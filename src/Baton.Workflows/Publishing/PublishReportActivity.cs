using System.Globalization;
using System.Text;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Workflows;

/// <summary>
/// The <see cref="WorkflowNames.PublishReportActivity"/> activity: writes an approved report to the <see cref="ReportStore"/>
/// at "yyyy/MM/dd/{title-slug}-{instance id}.md". The path depends only on the request, and the write replaces, so a
/// repeated attempt writes the same document once.
/// </summary>
[DurableTask(WorkflowNames.PublishReportActivity)]
public sealed class PublishReportActivity(ReportStore reports, ILogger<PublishReportActivity>? logger = null)
    : TaskActivity<PublishReportRequest, PublishedReport>
{
    private const int MaxSlugLength = 60;

    private readonly ILogger _logger = logger ?? NullLogger<PublishReportActivity>.Instance;

    /// <summary>The path a report is written to.</summary>
    public static string PathFor(PublishReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = Slug(request.InstanceId, 40);
        return string.Create(CultureInfo.InvariantCulture, $"{request.ApprovedAt:yyyy/MM/dd}/{Slug(request.Title, MaxSlugLength)}-{instance}.md");
    }

    /// <inheritdoc />
    public override async Task<PublishedReport> RunAsync(TaskActivityContext context, PublishReportRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var path = PathFor(input);
        await reports.Documents.WriteAsync(path, input.Markdown, context.CancellationToken);
        var location = reports.Name + "/" + path;
        Log.ReportPublished(_logger, context.InstanceId, location, input.ApprovedBy);
        return new PublishedReport(location, path, input.Markdown.Length);
    }

    private static string Slug(string text, int maxLength)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= maxLength)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "report" : slug;
    }
}
