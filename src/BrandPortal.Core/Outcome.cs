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
    /// <summary>
    /// The <see cref="Message"/> as an English format and its values, for the portal to translate (a page looks the
    /// format up, not the finished sentence). Interpolated messages fill it by themselves through the overloads below.
    /// </summary>
    public MessageTemplate? Template { get; init; }

    public static Outcome Done(string message) => new(OutcomeKind.Done, message, []) { Template = MessageTemplate.Of(message) };
    public static Outcome Done(MessageTemplateHandler message) => Of(OutcomeKind.Done, message.ToTemplate(), null);
    public static Outcome Refused(string message, IReadOnlyList<OutcomeReason>? reasons = null)
        => new(OutcomeKind.Refused, message, reasons ?? []) { Template = MessageTemplate.Of(message) };
    public static Outcome Refused(MessageTemplateHandler message, IReadOnlyList<OutcomeReason>? reasons = null)
        => Of(OutcomeKind.Refused, message.ToTemplate(), reasons);
    public static Outcome Conflict(string message) => new(OutcomeKind.Conflict, message, []) { Template = MessageTemplate.Of(message) };
    public static Outcome Conflict(MessageTemplateHandler message) => Of(OutcomeKind.Conflict, message.ToTemplate(), null);
    public static Outcome NotFound { get; } = new(OutcomeKind.NotFound, null, []);
    public static Outcome Forbidden { get; } = new(OutcomeKind.Forbidden, null, []);

    public bool Succeeded => Kind == OutcomeKind.Done;

    private static Outcome Of(OutcomeKind kind, MessageTemplate template, IReadOnlyList<OutcomeReason>? reasons)
        => new(kind, template.Render(), reasons ?? []) { Template = template };
}
