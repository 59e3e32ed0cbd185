namespace BrandPortal.Core.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Lets subscriptions target loopback, private and link-local addresses and plain http: development and tests only.</summary>
    public bool AllowPrivateTargets { get; set; }
}
