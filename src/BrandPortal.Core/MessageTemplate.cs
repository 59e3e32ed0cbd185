using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace BrandPortal.Core;

/// <summary>
/// An English message as a composite format ("The key {0} was revoked.") and the values that fill it. Services answer in
/// English; the portal translates the format, not the finished sentence, so a translation holds for every value.
/// </summary>
public sealed class MessageTemplate(string format, IReadOnlyList<object?> args)
{
    public string Format { get; } = format;
    public IReadOnlyList<object?> Args { get; } = args;

    /// <summary>A message without values: its braces are escaped so that it is a format of itself.</summary>
    public static MessageTemplate Of(string message) => new(message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), []);

    /// <summary>The English sentence, as an interpolated string would have written it.</summary>
    public string Render(IFormatProvider? provider = null) => string.Format(provider ?? CultureInfo.CurrentCulture, Format, [.. Args]);
}

/// <summary>
/// Lets a service write its message as an ordinary interpolated string (<c>Outcome.Done($"The key {prefix} was revoked.")</c>)
/// while the holes become <c>{0}</c>, <c>{1}</c>… of a <see cref="MessageTemplate"/>: no call site has to spell out formats.
/// </summary>
[InterpolatedStringHandler]
public readonly struct MessageTemplateHandler
{
    private readonly StringBuilder _format;
    private readonly List<object?> _args;

    public MessageTemplateHandler(int literalLength, int formattedCount)
    {
        _format = new StringBuilder(literalLength + formattedCount * 4);
        _args = new List<object?>(formattedCount);
    }

    public void AppendLiteral(string literal)
        => _format.Append(literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    public void AppendFormatted<T>(T value) => Hole(value, null, null);

    public void AppendFormatted<T>(T value, string? format) => Hole(value, null, format);

    public void AppendFormatted<T>(T value, int alignment) => Hole(value, alignment, null);

    public void AppendFormatted<T>(T value, int alignment, string? format) => Hole(value, alignment, format);

    private void Hole(object? value, int? alignment, string? format)
    {
        _format.Append('{').Append(_args.Count.ToString(CultureInfo.InvariantCulture));
        if (alignment is { } a) _format.Append(',').Append(a.ToString(CultureInfo.InvariantCulture));
        if (format is not null) _format.Append(':').Append(format);
        _format.Append('}');
        _args.Add(value);
    }

    public MessageTemplate ToTemplate() => new(_format.ToString(), _args);
}
