using BrandPortal.Core.Hosting;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// In Development, what the portal needs and was not given: a private PostgreSQL cluster when
/// ConnectionStrings:BrandPortal is absent, and an SMTP capture (browsable at /Dev/Mail) when Smtp:Host is absent.
/// A configured value is always used as given. The cluster is stopped cleanly when the portal stops.
/// </summary>
public sealed class DevelopmentInfrastructure : IAsyncDisposable
{
    private LocalPostgres? _postgres;
    private SmtpCapture? _smtp;

    public static async Task<DevelopmentInfrastructure?> ProvideAsync(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment()) return null;
        var infra = new DevelopmentInfrastructure();
        var config = builder.Configuration;

        if (string.IsNullOrWhiteSpace(config.GetConnectionString("BrandPortal")))
        {
            if (LocalPostgres.FindBinaries() is null)
            {
                await Console.Error.WriteLineAsync(LocalPostgres.MissingBinariesMessage);
                Environment.Exit(2);
            }
            var dataDirectory = LocalPostgres.DevelopmentDataDirectory(builder.Environment.ContentRootPath);
            infra._postgres = await LocalPostgres.StartAsync(dataDirectory);
            await infra._postgres.EnsureDatabaseAsync("brandportal");
            config["ConnectionStrings:BrandPortal"] = infra._postgres.ConnectionString("brandportal");
        }

        if (string.IsNullOrWhiteSpace(config["Smtp:Host"]))
        {
            infra._smtp = await SmtpCapture.StartAsync();
            config["Smtp:Host"] = infra._smtp.Host;
            config["Smtp:Port"] = infra._smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            config["Smtp:Security"] = "None";
            builder.Services.AddSingleton(infra._smtp);
        }
        return infra;
    }

    public void AnnounceWhenStarted(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            var lines = new List<string>
            {
                "",
                $"  BrandPortal is running at {urls}",
            };
            if (_postgres is not null) lines.Add($"  PostgreSQL (private cluster): 127.0.0.1:{_postgres.Port}, data in {_postgres.DataDirectory}");
            if (_smtp is not null) lines.Add($"  Outgoing email is captured: open {app.Urls.FirstOrDefault()}/Dev/Mail");
            lines.Add("  Demo sign-ins (password BrandPortal-Demo-2026): rep.two@acme.test, rep.one@acme.test, viewer@acme.test,");
            lines.Add("    noperm@acme.test, admin@acme.test, registry@acme.test, support@brandportal.test, jane@example.test (customer)");
            lines.Add("  Press Ctrl+C to stop.");
            Console.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_smtp is not null) await _smtp.DisposeAsync();
        if (_postgres is not null) await _postgres.StopAsync();
    }
}
