using BrandPortal.Web.Hosting;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace BrandPortal.Web.Tests.Hosting;

/// <summary>
/// A client that goes away does not cancel a request's database statements (Npgsql cancels synchronously, through a
/// second connection, which stalled every connection when 32 clients left at once); streamed downloads still stop.
/// </summary>
public sealed class ClientDisconnectTests
{
    private static async Task<(CancellationToken Handler, CancellationToken Download)> RunAsync(CancellationToken clientGone)
    {
        CancellationToken handler = default, download = default;
        var app = new ApplicationBuilder(new ServiceProviderStub());
        app.UseRequestsRunToCompletion();
        app.Run(context =>
        {
            handler = context.RequestAborted;
            download = ClientDisconnect.Token(context);
            return Task.CompletedTask;
        });
        await app.Build()(new DefaultHttpContext { RequestAborted = clientGone });
        return (handler, download);
    }

    [Fact]
    public async Task Request_ClientGoesAway_HandlersTokenIsNeverCancelled()
    {
        using var client = new CancellationTokenSource();
        var (handler, _) = await RunAsync(client.Token);

        client.Cancel();

        handler.CanBeCanceled.Should().BeFalse();
    }

    [Fact]
    public async Task Download_ClientGoesAway_ItsTokenIsCancelled()
    {
        using var client = new CancellationTokenSource();
        var (_, download) = await RunAsync(client.Token);

        client.Cancel();

        download.IsCancellationRequested.Should().BeTrue();
    }

    private sealed class ServiceProviderStub : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
