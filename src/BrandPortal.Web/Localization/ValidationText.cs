using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Localization;

/// <summary>
/// Marker for the validation messages (Resources/Localization/ValidationText.*.resx): model binding's own messages
/// ("The value 'x' is not valid for Brand."), set here, and every DataAnnotations message. ASP.NET Core localizes a
/// DataAnnotations attribute only when it names its message (ErrorMessage = "The {0} field is required."), so
/// attributes in the portal always do, with one of the English messages of this resource.
/// </summary>
public sealed class ValidationText
{
    public static void Localize(DefaultModelBindingMessageProvider messages, IStringLocalizerFactory factory)
    {
        IStringLocalizer<ValidationText> S = new StringLocalizer<ValidationText>(factory);
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => S["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => S["A value for '{0}' was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => S["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => S["A non-empty request body is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => S["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => S["The value given is not valid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => S["The field must be a number."]);
        messages.SetUnknownValueIsInvalidAccessor(field => S["The value given is not valid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => S["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => S["The field {0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => S["The value '{0}' is not valid.", value]);
    }
}
