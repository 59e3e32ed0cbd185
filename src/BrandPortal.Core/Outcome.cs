namespace BrandPortal.Core;

/// <summary>How a change requested of a service ended. Nothing changed unless <see cref="Done"/>.</summary>
public enum OutcomeKind
{
    /// <summary>The change was made (or had already been made: a repeated click is not an error).</summary>
    Done,
    /// <summary>The request breaks a rule; the message says which and what to do instead.</summary>
    Refused,
    /// <summary>The object does not exist, or is not the caller's to see: the two are never told apart.</summary>
    NotFound,
    /// <summary>The caller may see the object but not make this change.</summary>
    Forbidden,
    /// <summary>Someone else changed the object first (a case decided twice): the request was right but is too late.</summary>
    Conflict,
}

/// <summary>One rule a refused request broke: a stable code, the rule in words, and what to do about it.</summary>
public sealed record OutcomeReason(string Code, string Title, string Detail, string? Found = null);

/// <summary>
/// What every service that changes something answers: one vocabulary for pages (Web turns it into a page result)
/// and, later, for the API (problem details). The message is written for the person who asked.
/// </summary>
public sealed record Outcome(OutcomeKind Kind, string? Message, IReadOnlyList<OutcomeReason> Reasons)
{
    public static Outcome Done(string message) => new(OutcomeKind.Done, message, []);
    public static Outcome Refused(string message, IReadOnlyList<OutcomeReason>? reasons = null) => new(OutcomeKind.Refused, message, reasons ?? []);
    public static Outcome Conflict(string message) => new(OutcomeKind.Conflict, message, []);
    public static Outcome NotFound { get; } = new(OutcomeKind.NotFound, null, []);
    public static Outcome Forbidden { get; } = new(OutcomeKind.Forbidden, null, []);

    public bool Succeeded => Kind == OutcomeKind.Done;
}
