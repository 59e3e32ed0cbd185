using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// A CSV export streamed to the browser as it is read: UTF-8 without a byte-order mark, a dated attachment name, and
/// rows written straight to the response body, so an export of a million rows never sits in memory.
/// </summary>
public sealed class CsvDownload(string name, Func<TextWriter, CancellationToken, Task> write) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext, name, write);

    internal static async Task WriteAsync(HttpContext http, string name, Func<TextWriter, CancellationToken, Task> write)
    {
        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        // The client's own disconnect: a download of a million rows stops when its client goes away.
        await write(writer, ClientDisconnect.Token(http));
    }
}

/// <summary>The same download as the answer of a minimal API endpoint (<c>/api/v1</c>).</summary>
public sealed class CsvStream(string name, Func<TextWriter, CancellationToken, Task> write) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => CsvDownload.WriteAsync(httpContext, name, write);
}
