using System.Collections.Concurrent;
using System.Diagnostics;
using BrandPortal.Core.Hosting;

namespace BrandPortal.Web.Tests.Reliability;

/// <summary>
/// The portal as a process of its own (the built BrandPortal.Web.dll run by dotnet), so that a test can kill it
/// the way an operating system or an operator does: no shutdown, no finally blocks, connections cut.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PortalProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(30));

    public static PortalProcess Start(IDictionary<string, string> settings)
    {
        var dll = WebDll();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalPostgres.FreePort()}";
        psi.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings) psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var portal = new PortalProcess(process);
        // Both pipes are drained: a full pipe would block the portal's logging and so its dispatcher.
        process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>SIGKILL, as kill -9.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The portal's own build output next to this test build (same configuration), e.g. src/BrandPortal.Web/bin/Debug/net10.0.</summary>
    private static string WebDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var root = LocalPostgres.RepositoryRoot(AppContext.BaseDirectory)
                   ?? throw new InvalidOperationException("BrandPortal.sln not found above the test output");
        var dll = Path.Combine(root, "src", "BrandPortal.Web", "bin", configuration, framework, "BrandPortal.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the portal first: {dll} is missing");
        return dll;
    }
}
