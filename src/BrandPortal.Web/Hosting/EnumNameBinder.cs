using BrandPortal.Web.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Binds enums by their exact name only. The framework would also take numbers ("0", "7"), other casings and
/// comma-separated flags ("Daily, Weekly"), none of which a form of BrandPortal offers: such a value, like any unknown
/// name, leaves the value unset (null) and the page or service says what to choose.
/// </summary>
public sealed class EnumNameBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type.IsEnum ? new EnumNameBinder(type) : null;
    }

    private sealed class EnumNameBinder(Type enumType) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var value = context.ValueProvider.GetValue(context.ModelName);
            if (value == ValueProviderResult.None) return Task.CompletedTask;
            context.ModelState.SetModelValue(context.ModelName, value);
            var text = value.FirstValue?.Trim();
            if (string.IsNullOrEmpty(text)) return Task.CompletedTask;
            if (Enum.GetNames(enumType).Contains(text, StringComparer.Ordinal))
                context.Result = ModelBindingResult.Success(Enum.Parse(enumType, text));
            else
                context.ModelState.TryAddModelError(context.ModelName,
                    context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ValidationText>>()["'{0}' is not one of the choices.", text]);
            return Task.CompletedTask;
        }
    }
}
