using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Alerts;

/// <summary>Configuration section <c>Alerts</c>: the review alert digests.</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>Builds due digests in this process (several instances may: a review is recorded once per user).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due digests are built; "Immediately" means within this interval.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the condition alerts (rating drop, topic spike, response due) are checked.</summary>
    public TimeSpan ConditionCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Reviews listed in one digest; more wait for the next one.</summary>
    public int MaxReviewsPerDigest { get; set; } = 50;

    /// <summary>How long the unsubscribe link in a digest keeps working.</summary>
    public TimeSpan UnsubscribeLinkLifetime { get; set; } = TimeSpan.FromDays(180);
}

public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions o)
    {
        var failures = new List<string>();
        if (o.Interval < TimeSpan.FromSeconds(1)) failures.Add("Alerts:Interval must be at least one second (e.g. 00:01:00).");
        if (o.ConditionCheckInterval < TimeSpan.FromSeconds(1)) failures.Add("Alerts:ConditionCheckInterval must be at least one second (e.g. 00:05:00).");
        if (o.MaxReviewsPerDigest is < 1 or > 500) failures.Add($"Alerts:MaxReviewsPerDigest must be 1 to 500 (was {o.MaxReviewsPerDigest}).");
        if (o.UnsubscribeLinkLifetime < TimeSpan.FromDays(1)) failures.Add("Alerts:UnsubscribeLinkLifetime must be at least one day.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
