using BrandPortal.Core.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandPortal.Web.Pages.Dev;

/// <summary>
/// The development mail sink, present only when the portal runs its own SMTP capture; the /Dev folder's
/// <see cref="Hosting.LocalDevelopmentOnlyFilter"/> keeps it to Development and loopback clients.
/// </summary>
public sealed class MailModel(IServiceProvider services) : PageModel
{
    public IReadOnlyList<(CapturedEmail Email, int Index)> Emails { get; private set; } = [];
    public int Port { get; private set; }

    public IActionResult OnGet()
    {
        if (services.GetService<SmtpCapture>() is not { } capture) return NotFound();
        Port = capture.Port;
        Emails = capture.Messages.Reverse().Take(200).Select((e, i) => (e, i)).ToList();
        return Page();
    }
}
