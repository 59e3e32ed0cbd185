using BrandPortal.Core.Access;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Core.Reviews;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Queue;

/// <summary>done= and assignee= as the Customer Reviews URL carries them: parsed, worded when wrong, written back.</summary>
public sealed class QueueFilterTests
{
    private static readonly IReadOnlyList<BrandRoleGrant> Brands = [new(1, "Acme", BrandRole.BrandRepresentative)];

    private static ParsedReviewFilter Parse(string? done = null, string? assignee = null)
        => ReviewFilter.Parse(new ReviewFilterInput([], Done: done, Assignee: assignee), Brands);

    [Theory]
    [InlineData(null, DoneFilter.Hide, false, "")]
    [InlineData("", DoneFilter.Hide, false, "")]
    [InlineData("include", DoneFilter.Include, false, "&done=include")]
    [InlineData("ONLY", DoneFilter.Only, false, "&done=only")]
    [InlineData("hide", DoneFilter.Hide, false, "")]
    [InlineData("maybe", DoneFilter.Hide, true, "")]
    [InlineData("1", DoneFilter.Hide, true, "")]
    public void Parse_Done_ValidValuesKeptOthersHideWithMessage(string? value, DoneFilter expected, bool message, string query)
    {
        var parsed = Parse(done: value);
        parsed.Filter.Done.Should().Be(expected);
        parsed.Messages.Should().HaveCount(message ? 1 : 0);
        if (message) parsed.Messages[0].Should().Be("Done reviews can be hidden, included or shown alone; done reviews are hidden.");
        parsed.Filter.ToQueryString().Should().Be("?stars=1&stars=2&stars=3" + query);
    }

    [Theory]
    [InlineData(null, AssigneeFilter.Any, null, false, "")]
    [InlineData("me", AssigneeFilter.Me, null, false, "&assignee=me")]
    [InlineData("None", AssigneeFilter.None, null, false, "&assignee=none")]
    [InlineData("42", AssigneeFilter.User, 42L, false, "&assignee=42")]
    [InlineData("abc", AssigneeFilter.Any, null, true, "")]
    [InlineData("-3", AssigneeFilter.Any, null, true, "")]
    [InlineData("0", AssigneeFilter.Any, null, true, "")]
    [InlineData("99999999999999999999", AssigneeFilter.Any, null, true, "")]
    public void Parse_Assignee_MeNoneOrAUserIdOthersAnyoneWithMessage(string? value, AssigneeFilter expected, long? id, bool message, string query)
    {
        var parsed = Parse(assignee: value);
        parsed.Filter.Assignee.Should().Be(expected);
        parsed.Filter.AssigneeUserId.Should().Be(id);
        parsed.Messages.Should().HaveCount(message ? 1 : 0);
        parsed.Filter.ToQueryString().Should().Be("?stars=1&stars=2&stars=3" + query);
    }

    [Fact]
    public void AssigneeFor_Me_IsTheViewer()
        => Parse(assignee: "me").Filter.AssigneeFor(7).Should().Be(7);

    [Fact]
    public void CountCacheKey_DoneOrAssigneeDiffers_KeysDiffer()
    {
        var a = User(1);
        var b = User(2);
        long[] brands = [1];
        var keys = new[]
        {
            ReviewCountCache.Key(a, brands, Parse().Filter),
            ReviewCountCache.Key(a, brands, Parse(done: "include").Filter),
            ReviewCountCache.Key(a, brands, Parse(done: "only").Filter),
            ReviewCountCache.Key(a, brands, Parse(assignee: "me").Filter),
            ReviewCountCache.Key(b, brands, Parse(assignee: "me").Filter),
            ReviewCountCache.Key(a, brands, Parse(assignee: "none").Filter),
        };
        keys.Should().OnlyHaveUniqueItems();
    }

    private static UserAccess User(long id) => new(id, $"u{id}@x.test", 10, "S", SellerPlan.Professional, AccountStanding.Good, null, null, false, false,
        new Dictionary<Permission, PermissionLevel>(), Brands);
}
