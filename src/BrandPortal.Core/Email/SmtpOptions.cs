using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BrandPortal.Core.Email;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>Configuration section <c>Smtp</c> (docs/PRODUCT.md#configuration).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "BrandPortal <no-reply@brandportal.test>";

    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}

public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Host)) failures.Add("Smtp:Host is required (the SMTP server that delivers BrandPortal's email).");
        else if (Uri.CheckHostName(o.Host) == UriHostNameType.Unknown) failures.Add($"Smtp:Host '{o.Host}' is not a host name or IP address.");
        if (o.Port is < 1 or > 65535) failures.Add($"Smtp:Port must be 1 to 65535 (was {o.Port}).");
        if (!Enum.IsDefined(o.Security)) failures.Add("Smtp:Security must be None, StartTls or SslOnConnect.");
        if (!MailboxAddress.TryParse(o.From, out _)) failures.Add($"Smtp:From '{o.From}' is not an email address (e.g. BrandPortal <no-reply@example.com>).");
        if (string.IsNullOrEmpty(o.UserName) != string.IsNullOrEmpty(o.Password))
            failures.Add("Smtp:UserName and Smtp:Password go together: set both or neither.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Configuration section <c>Portal</c>.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address customers and users reach the portal at; links in emails start with it.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Load the shipped demo data into an empty database at start.</summary>
    public bool SeedDemoData { get; set; }
}

public sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions o)
        => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Portal:BaseUrl '{o.BaseUrl}' must be an absolute http or https address, e.g. https://portal.example.com.");
}
