using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace BrandPortal.Core.Hosting;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own PostgreSQL binaries: the development
/// portal, the test suites and the benchmark use it when no server is configured.
/// PostgreSQL refuses to run as root, so under root the cluster runs as the <c>postgres</c> user.
/// </summary>
public sealed class LocalPostgres
{
    public const string SuperUser = "postgres";

    private LocalPostgres(string binDirectory, string dataDirectory, int port)
    {
        BinDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string BinDirectory { get; }
    public string DataDirectory { get; }
    public int Port { get; private set; }

    /// <summary>False when an already running cluster was reused: then whoever started it stops it.</summary>
    public bool StartedHere { get; private set; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>The bin folder of the newest local PostgreSQL, or null when none is installed.</summary>
    public static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("BRANDPORTAL_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "pg_ctl")))
            return configured;
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(d => (dir: d, version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.dir, "bin", "initdb")))
                .OrderByDescending(x => x.version)
                .FirstOrDefault();
            if (newest.dir is not null) return Path.Combine(newest.dir, "bin");
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        }
        return null;
    }

    public const string MissingBinariesMessage =
        "PostgreSQL binaries not found: install them (Debian: apt-get install -y postgresql-15), " +
        "set ConnectionStrings__BrandPortal to a server of yours, or run `docker compose up`.";

    /// <summary>
    /// Starts the cluster in <paramref name="dataDirectory"/>, creating it first when empty, or reuses it when
    /// it is already running (its port is then read from postmaster.pid).
    /// </summary>
    public static async Task<LocalPostgres> StartAsync(string dataDirectory, int? port = null, bool forTests = false,
        CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(MissingBinariesMessage);
        var cluster = new LocalPostgres(bin, Path.GetFullPath(dataDirectory), port ?? FreePort());
        await cluster.StartAsync(forTests, cancellationToken);
        return cluster;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task StartAsync(bool forTests, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        if (IsRoot) await RunAsync("chown", ["-R", $"{SuperUser}:", DataDirectory], ct, asPostgres: false);

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await RunAsync(Path.Combine(BinDirectory, "initdb"),
                ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions"], ct);
        }

        var running = await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "status"], ct, throwOnError: false);
        if (running.ExitCode == 0 && ReadRunningPort() is { } existingPort)
        {
            Port = existingPort;
            return;
        }

        var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {DataDirectory} -c max_connections=200";
        if (forTests) options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"], ct);
        StartedHere = true;
    }

    private int? ReadRunningPort()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var p) ? p : null;
    }

    /// <summary>
    /// A hot standby of this cluster in <paramref name="dataDirectory"/>: a base backup taken with <c>pg_basebackup -R</c>
    /// (which writes the primary_conninfo and standby.signal) and started on its own loopback port, streaming from here.
    /// </summary>
    public async Task<LocalPostgres> StartStandbyAsync(string dataDirectory, bool forTests = false, CancellationToken cancellationToken = default)
    {
        var dir = Path.GetFullPath(dataDirectory);
        // Empty, and private to its owner as PostgreSQL requires of a data directory: pg_basebackup fills it.
        Directory.CreateDirectory(dir);
        await RunAsync("chmod", ["700", dir], cancellationToken, asPostgres: false);
        if (IsRoot) await RunAsync("chown", ["-R", $"{SuperUser}:", dir], cancellationToken, asPostgres: false);
        await RunAsync(Path.Combine(BinDirectory, "pg_basebackup"),
            ["-D", dir, "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", SuperUser,
             "-R", "-X", "stream", "-c", "fast"], cancellationToken);
        return await StartAsync(dir, null, forTests, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
        => await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], cancellationToken, throwOnError: false);

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken = default)
        => (await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["-D", DataDirectory, "status"], cancellationToken, throwOnError: false)).ExitCode == 0;

    public const string DevelopmentDataVariable = "BRANDPORTAL_DEV_DATA";

    /// <summary>
    /// Where the development cluster lives: .data/postgres in the repository (git-ignored), or, when running as root
    /// (PostgreSQL then runs as the postgres user, who cannot enter /root), a folder under /var/tmp named after the
    /// checkout. BRANDPORTAL_DEV_DATA overrides both. The portal and the CLI find the same cluster this way.
    /// </summary>
    public static string DevelopmentDataDirectory(string start)
    {
        if (Environment.GetEnvironmentVariable(DevelopmentDataVariable) is { Length: > 0 } configured) return configured;
        var repoRoot = RepositoryRoot(start) ?? start;
        if (!IsRoot) return Path.Combine(repoRoot, ".data", "postgres");
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(repoRoot))))[..12].ToLowerInvariant();
        return Path.Combine("/var/tmp", $"brandportal-dev-{hash}", "postgres");
    }

    public static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BrandPortal.sln"))) return dir.FullName;
        return null;
    }

    public async Task EnsureDatabaseAsync(string database)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await create.ExecuteNonQueryAsync();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct,
        bool throwOnError = true, bool asPostgres = true)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asPostgres && IsRoot)
        {
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", SuperUser, "--", file }) psi.ArgumentList.Add(a);
        }
        else
        {
            psi.FileName = file;
        }
        foreach (var a in args) psi.ArgumentList.Add(a);

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {output.Trim()}");
        return (process.ExitCode, output);
    }
}
