using System.Globalization;

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
    /// For a message with values: its English format ("Your reply is {0} characters long…") and the values, so that Web
    /// can show it in the reader's language with the values written as that language writes them. Null when the
    /// message is fixed text, which Web looks up as it is.
    /// </summary>
    public string? Format { get; init; }

    public IReadOnlyList<object> Args { get; init; } = [];

    public static Outcome Done(string message) => new(OutcomeKind.Done, message, []);
    public static Outcome Refused(string message, IReadOnlyList<OutcomeReason>? reasons = null) => new(OutcomeKind.Refused, message, reasons ?? []);

    /// <summary>A done change whose message carries values; <see cref="Message"/> is the English text with the values written in.</summary>
    public static Outcome DoneFormat(string format, params object[] args) => Formatted(OutcomeKind.Done, format, args);

    /// <summary>A refusal whose message carries values; <see cref="Message"/> is the English text with the values written in.</summary>
    public static Outcome RefusedFormat(string format, params object[] args) => Formatted(OutcomeKind.Refused, format, args);

    /// <summary>
    /// The same, written as an interpolated string (<c>Outcome.DoneFormat($"The key {prefix} was revoked.")</c>): its
    /// holes become {0}, {1}… of <see cref="Format"/> and their values the <see cref="Args"/>.
    /// </summary>
    public static Outcome DoneFormat(MessageTemplateHandler message) => Formatted(OutcomeKind.Done, message.ToTemplate());

    public static Outcome RefusedFormat(MessageTemplateHandler message) => Formatted(OutcomeKind.Refused, message.ToTemplate());

    public static Outcome ConflictFormat(MessageTemplateHandler message) => Formatted(OutcomeKind.Conflict, message.ToTemplate());

    private static Outcome Formatted(OutcomeKind kind, MessageTemplate template)
        => Formatted(kind, template.Format, template.Args.Select(a => a ?? "").ToArray());

    private static Outcome Formatted(OutcomeKind kind, string format, object[] args)
        => new(kind, string.Format(CultureInfo.InvariantCulture, format, args.Select(English).ToArray()), []) { Format = format, Args = args };

    /// <summary>A time in an English message is a day, as <see cref="Wording.Day(DateTimeOffset)"/> writes it.</summary>
    private static object English(object value) => value is DateTimeOffset at ? Wording.Day(at) : value;
    public static Outcome Conflict(string message) => new(OutcomeKind.Conflict, message, []);
    public static Outcome NotFound { get; } = new(OutcomeKind.NotFound, null, []);
    public static Outcome Forbidden { get; } = new(OutcomeKind.Forbidden, null, []);

    public bool Succeeded => Kind == OutcomeKind.Done;
}
