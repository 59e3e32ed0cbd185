using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Email;

/// <summary>Configuration section <c>Outbox</c>: how the dispatcher delivers queued email.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Runs the dispatcher in this process (several instances may all run it: claims never overlap).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due email when nobody signals it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Emails claimed and sent over one SMTP connection at a time.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// SMTP connections one dispatcher sends over at once while a backlog lasts, each with its own batch (1 to 16).
    /// Delivery waits on the server's replies, so against a distant server more connections send faster; the price is
    /// that a crash may resend the unmarked groups of every connection instead of one connection's. On loopback with two cores (bench/run)
    /// a second connection measured within the noise, hence 1.
    /// </summary>
    public int Connections { get; set; } = 1;

    /// <summary>
    /// A claimed row is hidden from other dispatchers for this long; if its sender crashes, the row becomes due
    /// again after it. Must exceed the time to send a whole batch.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Delay before the first retry of a transient failure; doubled per attempt (with jitter).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many attempts a transiently failing email is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 12;
}

public sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions o)
    {
        var failures = new List<string>();
        if (o.PollInterval <= TimeSpan.Zero) failures.Add("Outbox:PollInterval must be positive (e.g. 00:00:10).");
        if (o.BatchSize is < 1 or > 1000) failures.Add($"Outbox:BatchSize must be 1 to 1000 (was {o.BatchSize}).");
        if (o.Connections is < 1 or > 16) failures.Add($"Outbox:Connections must be 1 to 16 (was {o.Connections}).");
        if (o.Lease < TimeSpan.FromSeconds(1)) failures.Add("Outbox:Lease must be at least one second.");
        if (o.RetryBaseDelay <= TimeSpan.Zero || o.RetryMaxDelay < o.RetryBaseDelay)
            failures.Add("Outbox:RetryBaseDelay must be positive and not above Outbox:RetryMaxDelay.");
        if (o.MaxAttempts < 1) failures.Add("Outbox:MaxAttempts must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Wakes the dispatcher when a request has just queued an email, so delivery does not wait for the poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // At most one pending wake-up: several notifications before the dispatcher wakes are one batch anyway.
        try { _signal.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Returns when notified or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
