using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Email;

/// <summary>Opens authenticated MailKit connections to the configured SMTP server.</summary>
public sealed class SmtpConnector(IOptions<SmtpOptions> options)
{
    public SmtpOptions Options => options.Value;

    public async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        var o = options.Value;
        var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            await client.ConnectAsync(o.Host!, o.Port, o.SocketOptions, ct);
            if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
