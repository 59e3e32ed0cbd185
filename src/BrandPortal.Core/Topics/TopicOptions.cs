using Microsoft.Extensions.Options;

namespace BrandPortal.Core.Topics;

/// <summary>Configuration section <c>Topics</c>: the background recount of the topic statistics.</summary>
public sealed class TopicOptions
{
    public const string Section = "Topics";

    /// <summary>
    /// Recounts stale topic groups in this process. Several instances may: a refresh that finds another one running
    /// gives up until the next interval.
    /// </summary>
    public bool RefreshEnabled { get; set; } = true;

    /// <summary>How often the stale groups are recounted: how long new reviews may be missing from the topics panel.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class TopicOptionsValidator : IValidateOptions<TopicOptions>
{
    public ValidateOptionsResult Validate(string? name, TopicOptions o) =>
        o.RefreshInterval < TimeSpan.FromMilliseconds(100) || o.RefreshInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail($"Topics:RefreshInterval must be between 00:00:00.1 and 01:00:00 (was {o.RefreshInterval}).")
            : ValidateOptionsResult.Success;
}
