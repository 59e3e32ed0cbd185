namespace BrandPortal.Core.Access;

public enum ChangeOutcome { Done, Invalid, NotFound, Forbidden, Conflict }

/// <summary>What an administrative change did: done, or why not, in words fit for the page. Nothing changes unless Done.</summary>
public sealed record ChangeResult(ChangeOutcome Outcome, string? Message = null)
{
    public static ChangeResult Done(string? message = null) => new(ChangeOutcome.Done, message);
    public static ChangeResult Invalid(string message) => new(ChangeOutcome.Invalid, message);
    public static ChangeResult Conflict(string message) => new(ChangeOutcome.Conflict, message);
    public static ChangeResult NotFound { get; } = new(ChangeOutcome.NotFound);
    public static ChangeResult Forbidden { get; } = new(ChangeOutcome.Forbidden);

    public bool Succeeded => Outcome == ChangeOutcome.Done;
}
