using BrandPortal.Core.Import;
using BrandPortal.Testing;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace BrandPortal.Core.Tests.Import;

/// <summary>The import takes email addresses through the portal's one normaliser, and a new password ends sessions.</summary>
public sealed class ImportAddressTests(EmptyDatabase database) : IClassFixture<EmptyDatabase>
{
    private static string File(string email, string password) => $$"""
    {
      "sellers": [{"id": "S9", "name": "Initech", "plan": "Professional", "standing": "Good"}],
      "users":   [{"email": "{{email}}", "password": "{{password}}", "sellerId": "S9", "accountAdmin": false, "support": false}]
    }
    """;

    private async Task<ImportResult> ImportAsync(string json)
    {
        await using var db = database.CreateContext();
        return await new ImportService(db).ImportAsync(json);
    }

    [Theory]
    [InlineData("peter@initech.test.", "must not end with a dot")]
    [InlineData("peter@initech", "full domain")]
    [InlineData("pe\u200Bter@initech.test", "invisible")]
    public async Task Import_MalformedEmail_IsRefusedAtItsPath(string email, string reason)
    {
        var result = await ImportAsync(File(email, "a-long-password-1"));
        result.Errors.Should().ContainSingle(e => e.Path == "$.users[0].email").Which.Message.Should().Contain(reason);
    }

    [Fact]
    public async Task Import_FullWidthSpellingOfAnImportedUser_UpdatesThatUser_AndANewPasswordEndsTheirSessions()
    {
        (await ImportAsync(File("milton@initech.test", "a-long-password-1"))).Errors.Should().BeEmpty();
        var stamp = await StampAsync();

        (await ImportAsync(File("ＭＩＬＴＯＮ@initech.test", "a-long-password-1"))).Errors.Should().BeEmpty();
        await using (var db = database.CreateContext())
            (await db.Users.CountAsync(u => u.NormalizedEmail == "MILTON@INITECH.TEST" || u.Email!.Contains("ＭＩＬＴＯＮ"))).Should().Be(1);
        (await StampAsync()).Should().Be(stamp, "the same password is not a new one");

        (await ImportAsync(File("milton@initech.test", "a-long-password-2"))).Errors.Should().BeEmpty();
        (await StampAsync()).Should().NotBe(stamp, "a new password must end the sessions signed in with the old one");
    }

    private async Task<string?> StampAsync()
    {
        await using var db = database.CreateContext();
        return await db.Users.Where(u => u.NormalizedEmail == "MILTON@INITECH.TEST").Select(u => u.SecurityStamp).SingleAsync();
    }
}
