using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>: where events may go and how the dispatcher delivers them.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The HttpClient the dispatcher posts with (IHttpClientFactory).</summary>
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// Lets subscriptions use <c>http</c> and loopback, private and link-local addresses. For development and tests
    /// only: in production a user could otherwise make the portal post into its own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Runs the dispatcher and the overdue check in this process (every instance may: claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries claimed at once.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Requests in flight at once per instance.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>
    /// A claimed delivery is hidden from other instances for this long; if its instance dies, it is delivered again
    /// after it. Must exceed the time to deliver a batch (at worst BatchSize / Concurrency × RequestTimeout).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>No answer within this time is a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits before each retry: after the first failed attempt the first delay, and so on; past the end of the list
    /// the last delay repeats. Each gets ±10 % jitter.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    /// <summary>The delays in force: <see cref="RetryDelays"/>, or the production schedule when none are configured.</summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>A delivery still failing this long after its event is given up (Failed).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often conversations are checked for an overdue answer (<c>thread.overdue</c>).</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When the attempt after <paramref name="attempts"/> failed attempts is due, or null when that is past
    /// <see cref="GiveUpAfter"/> from the event (the delivery is then Failed). <paramref name="jitter"/> is in [0, 1).
    /// </summary>
    public DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now, DateTimeOffset occurredAt, double jitter)
    {
        var delays = Delays;
        var delay = delays[Math.Clamp(attempts - 1, 0, delays.Count - 1)];
        var next = now + delay * (0.9 + 0.2 * jitter);
        return next > occurredAt + GiveUpAfter ? null : next;
    }
}

public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions o)
    {
        var failures = new List<string>();
        if (o.PollInterval <= TimeSpan.Zero) failures.Add("Webhooks:PollInterval must be positive (e.g. 00:00:01).");
        if (o.BatchSize is < 1 or > 5000) failures.Add($"Webhooks:BatchSize must be 1 to 5000 (was {o.BatchSize}).");
        if (o.Concurrency is < 1 or > 512) failures.Add($"Webhooks:Concurrency must be 1 to 512 (was {o.Concurrency}).");
        if (o.RequestTimeout <= TimeSpan.Zero) failures.Add("Webhooks:RequestTimeout must be positive.");
        if (o.Lease <= o.RequestTimeout) failures.Add("Webhooks:Lease must be longer than Webhooks:RequestTimeout.");
        if (o.RetryDelays.Any(d => d <= TimeSpan.Zero)) failures.Add("Webhooks:RetryDelays must all be positive.");
        if (o.GiveUpAfter <= TimeSpan.Zero) failures.Add("Webhooks:GiveUpAfter must be positive.");
        if (o.OverdueCheckInterval <= TimeSpan.Zero) failures.Add("Webhooks:OverdueCheckInterval must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
