using System.Security.Cryptography;
using System.Text;
using BrandPortal.Core.Hosting;
using Npgsql;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// In Development, what the portal needs and was not given: a private PostgreSQL cluster when
/// ConnectionStrings:BrandPortal is absent, and an SMTP capture (browsable at /Dev/Mail) when Smtp:Host is absent.
/// A configured value is always used as given. The cluster is stopped cleanly when the portal stops.
/// </summary>
public sealed class DevelopmentInfrastructure : IAsyncDisposable
{
    public const string DataDirectoryVariable = "BRANDPORTAL_DEV_DATA";

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
            var dataDirectory = DataDirectory(builder.Environment.ContentRootPath);
            infra._postgres = await LocalPostgres.StartAsync(dataDirectory);
            await EnsureDatabaseAsync(infra._postgres, "brandportal");
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

    /// <summary>
    /// Where the private cluster lives: .data/postgres in the repository (git-ignored), or, when running as root
    /// (PostgreSQL then runs as the postgres user, who cannot enter /root), a folder under /var/tmp named after the checkout.
    /// </summary>
    public static string DataDirectory(string contentRoot)
    {
        if (Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } configured) return configured;
        var repoRoot = FindRepositoryRoot(contentRoot) ?? contentRoot;
        if (Environment.UserName != "root") return Path.Combine(repoRoot, ".data", "postgres");
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(repoRoot))))[..12].ToLowerInvariant();
        return Path.Combine("/var/tmp", $"brandportal-dev-{hash}", "postgres");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BrandPortal.sln"))) return dir.FullName;
        return null;
    }

    public static async Task EnsureDatabaseAsync(LocalPostgres postgres, string database)
    {
        await using var conn = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await create.ExecuteNonQueryAsync();
        }
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
