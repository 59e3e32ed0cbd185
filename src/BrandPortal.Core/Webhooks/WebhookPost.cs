using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Webhooks;

/// <summary>What one delivery attempt came to.</summary>
public sealed record WebhookAttempt(long DeliveryId, int AttemptsBefore, bool Tried, bool Delivered, int? StatusCode, string Answer)
{
    /// <summary>410 Gone: the receiver says the endpoint is no more.</summary>
    public bool Gone => StatusCode == (int)HttpStatusCode.Gone;

    /// <summary>Not to be retried (410, or the subscription is disabled).</summary>
    public bool Final => Gone || !Tried;

    public static WebhookAttempt NotSent(ClaimedDelivery d, string why) => new(d.Id, d.Attempts, false, false, null, why);
}

/// <summary>
/// One signed POST (Standard Webhooks headers), and the HTTP client it goes through: a connection is only opened to an
/// address <see cref="WebhookTargets.IsForbidden"/> allows (checked after DNS, at every connect, unless
/// <c>Webhooks:AllowPrivateTargets</c>), no proxy, no redirect followed, a time limit, and only the start of the answer read.
/// </summary>
public static class WebhookPost
{
    private const int AnswerBytes = 2048;
    private const int AnswerChars = 500;

    public static async Task<WebhookAttempt> SendAsync(HttpClient client, ClaimedDelivery d, WebhookOptions o, TimeProvider clock, CancellationToken ct)
    {
        if (!Uri.TryCreate(d.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(o.AllowPrivateTargets && uri.Scheme == Uri.UriSchemeHttp)))
            return new WebhookAttempt(d.Id, d.Attempts, true, false, null, "Not sent: webhook URLs must be https.");
        var body = d.Body();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", d.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(d.Secret, d.MessageId, timestamp, body));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(o.RequestTimeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var code = (int)response.StatusCode;
            var answer = code is >= 300 and < 400
                ? $"Redirect to {response.Headers.Location} not followed: a webhook URL must answer itself."
                : await ReadStartAsync(response.Content, limit.Token);
            return new WebhookAttempt(d.Id, d.Attempts, true, code is >= 200 and < 300, code, answer);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(d.Id, d.Attempts, true, false, null, $"No answer within {o.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(d.Id, d.Attempts, true, false, null, WebhookDispatcher.Clip(Describe(ex)));
        }
    }

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[AnswerBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        var text = Encoding.UTF8.GetString(buffer, 0, read).Trim();
        return text.Length > AnswerChars ? text[..AnswerChars] + "…" : text;
    }

    private static string Describe(HttpRequestException ex)
    {
        var inner = ex.InnerException;
        return inner is null || inner.Message == ex.Message ? ex.Message : $"{ex.Message} ({inner.Message})";
    }

    /// <summary>Registers the named client the dispatcher posts with.</summary>
    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookOptions.HttpClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // each post has its own limit (Webhooks:RequestTimeout)
                c.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("BrandPortal-Webhooks", "1.0"));
            })
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateTargets))
            .RemoveAllLoggers(); // a line per post would drown the log; the delivery rows are the record
        return services;
    }

    public static SocketsHttpHandler CreateHandler(bool allowPrivateTargets) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false, // a proxy would connect on our behalf, past the address check
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2), // names are resolved (and checked) again now and then
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivateTargets, ct),
    };

    /// <summary>Resolves the host and connects only to the addresses a webhook may reach.</summary>
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivateTargets, CancellationToken ct)
    {
        var host = endPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!allowPrivateTargets) addresses = addresses.Where(a => !WebhookTargets.IsForbidden(a)).ToArray();
        if (addresses.Length == 0)
            throw new HttpRequestException($"Not connected: {host} is a loopback, private or link-local address; webhooks go to public addresses only.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
