using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// A CSV export streamed to the browser as it is read: UTF-8 without a byte-order mark, a dated attachment name, and
/// rows written straight to the response body, so an export of a million rows never sits in memory.
/// </summary>
public sealed class CsvDownload(string name, Func<TextWriter, CancellationToken, Task> write) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await write(writer, context.HttpContext.RequestAborted);
    }
}
