namespace BrandPortal.Web.Hosting;

/// <summary>
/// Refuses, before any page sees it, a request whose query string or form carries a NUL character: no field of
/// BrandPortal can hold one, and PostgreSQL refuses it in text. The person gets the 400 page in words. A form the
/// reader cannot read (a multipart body that ends before its boundary, a part over the reader's limits) is refused the
/// same way rather than failing. <c>/api</c> routes read JSON, never forms: their bodies are left to them (a form sent
/// there gets the API's own 415).
/// </summary>
public static class InputGuard
{
    public static void UseInputGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var bad = false;
        if (request.HasFormContentType && HttpMethods.IsPost(request.Method) && !Api.ApiSetup.IsApi(request))
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                bad = form.Any(f => f.Key.Contains('\0') || f.Value.Any(v => v?.Contains('\0') == true));
            }
            catch (InvalidDataException)
            {
                bad = true; // the form reader itself refuses NUL, malformed encodings and parts over its limits
            }
            catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
            {
                bad = true; // a multipart body that ends early or never reaches its boundary
            }
        }
        if (!bad && request.Path.Value?.Contains('\0') == true) bad = true;
        if (bad)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    });
}
