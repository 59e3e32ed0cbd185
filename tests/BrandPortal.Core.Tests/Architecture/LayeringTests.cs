using System.Reflection;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Architecture;

/// <summary>
/// The one dependency arrow (Web → Core, Cli → Core) checked on the compiled assemblies: Core is callable from the
/// CLI, a background job or a test without the web stack, and Core's tests never reach the web project.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Core = typeof(Outcome).Assembly;

    [Fact]
    public void CoreAssembly_References_NoWebProjectAndNoHttpOrMvcAssembly()
    {
        var names = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        names.Should().NotContain("BrandPortal.Web");
        names.Should().NotContain(n => n.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
    }

    [Fact]
    public void CoreTests_RunWithout_TheWebProjectOrTheAspNetCoreFramework()
    {
        var self = typeof(LayeringTests).Assembly;
        self.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("BrandPortal.Web");
        File.Exists(Path.Combine(AppContext.BaseDirectory, "BrandPortal.Web.dll")).Should().BeFalse("Core's tests build without the web project");

        var runtimeConfig = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BrandPortal.Core.Tests.runtimeconfig.json"));
        runtimeConfig.Should().NotContain("Microsoft.AspNetCore.App", "Core takes Identity and Data Protection as packages, not the web framework");
    }
}
