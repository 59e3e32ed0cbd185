namespace BrandPortal.Web.Hosting;

/// <summary>
/// Refuses, before any page sees it, a request whose query string or form carries a NUL character: no field of
/// BrandPortal can hold one, and PostgreSQL refuses it in text. The person gets the 400 page in words.
/// </summary>
public static class InputGuard
{
    public static void UseInputGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var bad = false;
        if (request.HasFormContentType && HttpMethods.IsPost(request.Method))
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                bad = form.Any(f => f.Key.Contains('\0') || f.Value.Any(v => v?.Contains('\0') == true));
            }
            catch (InvalidDataException)
            {
                bad = true; // the form reader itself refuses NUL and malformed encodings
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
