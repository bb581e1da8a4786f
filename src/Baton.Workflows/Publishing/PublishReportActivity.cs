using System.Globalization;
using System.Text;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Workflows;

/// <summary>
/// The <see cref="WorkflowNames.PublishReportActivity"/> activity: writes an approved report to the <see cref="ReportStore"/>
/// at "yyyy/MM/dd/{title-slug}-{instance id}.md". The path depends only on the request, and the write replaces, so a
/// repeated attempt writes the same document once. Then announces it through the <see cref="IReportAnnouncer"/> (a Teams
/// card when a webhook is configured); a failed announcement is logged and recorded in
/// <see cref="PublishedReport.AnnouncementError"/>, never failing the activity, so the published report is not lost. A
/// repeated attempt may announce again, with the same path.
/// </summary>
[DurableTask(WorkflowNames.PublishReportActivity)]
public sealed class PublishReportActivity(ReportStore reports, ILogger<PublishReportActivity>? logger = null, IReportAnnouncer? announcer = null)
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
        var (announced, error) = await AnnounceAsync(context, input, location, path);
        return new PublishedReport(location, path, input.Markdown.Length, announced, error);
    }

    private async Task<(bool Announced, string? Error)> AnnounceAsync(TaskActivityContext context, PublishReportRequest input, string location, string path)
    {
        var announcement = new ReportAnnouncement(
            context.InstanceId,
            input.Title,
            ReportAnnouncement.Summarize(input.Markdown),
            location,
            path,
            input.ApprovedBy,
            input.RequestedBy);
        try
        {
            return (await (announcer ?? NullReportAnnouncer.Instance).AnnounceAsync(announcement, context.CancellationToken), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            // The report is already written: the run keeps it and reports the announcement as not made.
            Log.ReportAnnouncementFailed(_logger, context.InstanceId, location, ex.Message);
            return (false, ex.Message);
        }
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
