using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// A value named in a page's route template (<c>@page "/Brands/Reviews/{id:long}/Contact"</c>) binds from the route
/// only. The framework's default reads the form first, then the route, then the query string, so a posted
/// <c>id=331</c> would act on review 331 while the address names 333. Applied to every page, so a new page with a
/// route value cannot forget it.
/// </summary>
public sealed class RouteValuesFromRouteConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var template = model.ActionDescriptor.AttributeRouteInfo?.Template;
        if (string.IsNullOrEmpty(template)) return;
        var names = RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0) return;

        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters))
            if (names.Contains(parameter.BindingInfo?.BinderModelName ?? parameter.ParameterName))
                parameter.BindingInfo = FromRoute(parameter.BindingInfo);
        foreach (var property in model.HandlerProperties)
            if (property.BindingInfo is not null && names.Contains(property.BindingInfo.BinderModelName ?? property.PropertyName))
                property.BindingInfo = FromRoute(property.BindingInfo);
    }

    private static BindingInfo FromRoute(BindingInfo? existing)
    {
        var info = existing is null ? new BindingInfo() : new BindingInfo(existing);
        info.BindingSource = BindingSource.Path;
        return info;
    }
}
