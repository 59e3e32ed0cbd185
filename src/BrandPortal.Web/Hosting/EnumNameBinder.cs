using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// Binds enums by name only. The framework would also take numbers ("0", "7"), which no form of BrandPortal
/// offers: a number, like any unknown name, leaves the value unset and the page says what to choose.
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
            if (!char.IsDigit(text[0]) && text[0] != '-' && Enum.TryParse(enumType, text, ignoreCase: true, out var parsed) && Enum.IsDefined(enumType, parsed!))
                context.Result = ModelBindingResult.Success(parsed);
            else
                context.ModelState.TryAddModelError(context.ModelName, $"'{text}' is not one of the choices.");
            return Task.CompletedTask;
        }
    }
}
