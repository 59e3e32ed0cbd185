using System.Reflection;
using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using BrandPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace BrandPortal.Web.Hosting;

/// <summary>
/// The permission a page (on its model class: every handler) or one handler (on the method) needs, at least at the
/// level given. Declared here rather than checked inside each handler, so that a handler cannot forget it: the
/// <see cref="PagePermissionFilter"/> refuses the request before the handler runs. When the class and a handler both
/// name a permission, the higher level counts.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequiresPermissionAttribute(Permission permission, PermissionLevel level) : Attribute
{
    public Permission Permission { get; } = permission;
    public PermissionLevel Level { get; } = level;

    /// <summary>Support holds no seller permissions but reads across accounts (the audit log): it passes.</summary>
    public bool SupportPasses { get; init; }
}

/// <summary>One requirement of a handler, as the filter checks it and as tests read it.</summary>
public sealed record PermissionRequirement(Permission Permission, PermissionLevel Level, bool SupportPasses)
{
    public bool IsMetBy(UserAccess user) => (SupportPasses && user.IsSupport) || user.Can(Permission, Level);
}

/// <summary>
/// A page that explains a refusal in its own words (what is missing and whom to ask) instead of the generic
/// "no access" page. It is called instead of the handler; the handler never runs.
/// </summary>
public interface IExplainsMissingPermission
{
    IActionResult ExplainMissingPermission(IReadOnlyList<PermissionRequirement> missing);
}

public static class PagePermissions
{
    /// <summary>Where the filter leaves what was missing, for the 403 page to name it.</summary>
    public const string MissingItemKey = "bp:missing-permissions";

    /// <summary>What a handler of a page model needs: the class's requirements merged with the method's (highest level wins).</summary>
    public static IReadOnlyList<PermissionRequirement> For(Type pageModel, MethodInfo? handler)
    {
        var declared = pageModel.GetCustomAttributes<RequiresPermissionAttribute>(inherit: true)
            .Concat(handler?.GetCustomAttributes<RequiresPermissionAttribute>(inherit: true) ?? []);
        return declared.GroupBy(a => a.Permission)
            .Select(g => new PermissionRequirement(g.Key, g.Max(a => a.Level), g.All(a => a.SupportPasses)))
            .OrderBy(r => r.Permission)
            .ToList();
    }

    /// <summary>
    /// Every page model of the portal with each of its handlers (On{Verb}[Name][Async]) and what that handler needs;
    /// a page model without handlers is listed with a null handler. This is the page → permission table the security
    /// sweeps read, so that each handler is tried by a user who lacks each permission it depends on.
    /// </summary>
    public static IReadOnlyList<(Type PageModel, MethodInfo? Handler, IReadOnlyList<PermissionRequirement> Requires)> Table()
    {
        var table = new List<(Type, MethodInfo?, IReadOnlyList<PermissionRequirement>)>();
        foreach (var model in typeof(PagePermissions).Assembly.GetTypes()
                     .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var handlers = model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.Length > 2 && m.Name.StartsWith("On", StringComparison.Ordinal) && char.IsUpper(m.Name[2]))
                .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
            if (handlers.Count == 0) table.Add((model, null, For(model, null)));
            table.AddRange(handlers.Select(h => (model, (MethodInfo?)h, For(model, h))));
        }
        return table;
    }

    /// <summary>Words for the 403 page: what the user holds, what the page needs, and where it is granted.</summary>
    public static string Describe(PermissionRequirement missing, UserAccess? user, IStringLocalizer<PermissionText> S)
    {
        var held = PermissionText.Level(S, user?.Level(missing.Permission) ?? PermissionLevel.None);
        return S["Your {0} permission is {1}: this needs {2}. Ask your account administrator for {0} at {2} (under {3}).",
            PermissionText.Name(S, missing.Permission), held, PermissionText.Level(S, missing.Level), PermissionText.Header(S, missing.Permission)];
    }
}

/// <summary>
/// Checks every page handler's declared permissions against the access read for this request, before the handler
/// runs. Refused: the page's own explanation when it has one, else 403 with the missing permission named.
/// </summary>
public sealed class PagePermissionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var required = PagePermissions.For(context.HandlerInstance.GetType(), context.HandlerMethod?.MethodInfo);
        if (required.Count > 0)
        {
            var user = context.HttpContext.RequestServices.GetRequiredService<CurrentUser>().Access;
            var missing = user is null ? required : required.Where(r => !r.IsMetBy(user)).ToList();
            if (missing.Count > 0)
            {
                context.HttpContext.Items[PagePermissions.MissingItemKey] = missing.Select(m => PagePermissions.Describe(m, user,
                    context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<PermissionText>>())).ToList();
                context.Result = context.HandlerInstance is IExplainsMissingPermission page
                    ? page.ExplainMissingPermission(missing)
                    : new StatusCodeResult(StatusCodes.Status403Forbidden);
                return;
            }
        }
        await next();
    }
}
