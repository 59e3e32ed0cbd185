using System.Collections.Concurrent;
using System.Diagnostics;
using BrandPortal.Core.Contacts;
using BrandPortal.Core.Data;
using BrandPortal.Core.Email;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Xunit;

namespace BrandPortal.Core.Tests.Contacts;

/// <summary>
/// The portal's first start loads the demo data and the demo contacts; EF used to print "First/FirstOrDefault without
/// OrderBy" there. EF warns once, when it compiles a query, so the test drops EF's compiled queries first and listens to
/// EF's diagnostics while the first-start path runs.
/// </summary>
public sealed class FirstStartQueryTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private static readonly string[] RowLimitWarnings =
        [CoreEventId.FirstWithoutOrderByAndFilterWarning.Name!, CoreEventId.RowLimitingOperationWithoutOrderByWarning.Name!];

    /// <summary>EF reports on the thread that compiles: this keeps other test classes' queries out of the count.</summary>
    private static readonly AsyncLocal<bool> InThisTest = new();

    [Fact]
    public async Task SeedDemoAndContacts_OnFirstStart_RaiseNoRowLimitWarning()
    {
        var warnings = new ConcurrentQueue<string>();
        using var listening = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (InThisTest.Value && RowLimitWarnings.Contains(e.Key)) warnings.Enqueue($"{e.Key}: {e.Value}");
                }));
        }));
        InThisTest.Value = true;
        await using var db = database.CreateContext();
        // Compiled queries only: the model lives in the same cache, and a new model would break EF.CompileQuery users.
        var cache = (MemoryCache)db.GetService<IMemoryCache>();
        foreach (var key in cache.Keys.Where(k => k.GetType().Name.EndsWith("CompiledQueryCacheKey", StringComparison.Ordinal)).ToList())
            cache.Remove(key);

        (await DatabaseInitializer.SeedDemoIfEmptyAsync(db, TimeProvider.System)).Should().NotBeNull();
        (await DemoContacts.SeedAsync(db, new PortalOptions(), TimeProvider.System)).Should().Be(3);

        warnings.Should().BeEmpty();
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
