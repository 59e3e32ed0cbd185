using BrandPortal.Core.Access;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Access;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("rep@globex.test", "rep@globex.test")]
    [InlineData("  Rep@Globex.Test ", "rep@globex.test")]
    [InlineData("ｒｅｐ@globex.test", "rep@globex.test")]
    [InlineData("rep＠globex．test", "rep@globex.test")]
    [InlineData("REP@GLOBEX.TEST", "rep@globex.test")]
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.test", "o'brien@example.test")]
    [InlineData("rep@bücher.test", "rep@xn--bcher-kva.test")]
    [InlineData("rep@BÜCHER.test", "rep@xn--bcher-kva.test")]
    [InlineData("rep@xn--bcher-kva.test", "rep@xn--bcher-kva.test")]
    [InlineData("rep@пример.test", "rep@xn--e1afmkfd.test")]
    [InlineData("rep@ｅｘａｍｐｌｅ.test", "rep@example.test")]
    public void Normalize_ValidAddress_GivesCanonicalForm(string text, string expected)
    {
        var check = EmailAddresses.Normalize(text);
        check.Error.Should().BeNull();
        check.Address.Should().Be(expected);
    }

    [Theory]
    [InlineData(null, "valid email address")]
    [InlineData("", "valid email address")]
    [InlineData("   ", "valid email address")]
    [InlineData("rep@globex.test.", "must not end with a dot")]
    [InlineData("rep@globex.test．", "must not end with a dot")]
    [InlineData("a@b", "full domain")]
    [InlineData("rep@localhost", "full domain")]
    [InlineData("rep", "valid email address")]
    [InlineData("@globex.test", "valid email address")]
    [InlineData("rep@", "valid email address")]
    [InlineData("rep@@globex.test", "valid email address")]
    [InlineData("a@b@globex.test", "valid email address")]
    [InlineData("rep@globex..test", "valid email address")]
    [InlineData("rep@-globex.test", "valid email address")]
    [InlineData("rep@glo_bex.test", "valid email address")]
    [InlineData("re p@globex.test", "spaces")]
    [InlineData("rep\u0000@globex.test", "control")]
    [InlineData("rep\u001B@globex.test", "control")]
    [InlineData("rep\r\nBcc: x@y.test@globex.test", "control")]
    [InlineData("rep\u200B@globex.test", "invisible")]
    [InlineData("rep\u00AD@globex.test", "invisible")]
    [InlineData("rep@glo\u200Dbex.test", "invisible")]
    [InlineData("\u202Erep@globex.test", "invisible")]
    [InlineData("\uFEFFrep@globex.test", "invisible")]
    [InlineData("r\u0435p@globex.test", "plain letters")]
    [InlineData("josé@globex.test", "plain letters")]
    [InlineData("Rep <rep@globex.test>", "spaces")]
    [InlineData("\"rep\"@globex.test", "plain letters")]
    [InlineData(".rep@globex.test", "plain letters")]
    [InlineData("re..p@globex.test", "plain letters")]
    [InlineData("rep@globex\u3002test\u3002", "must not end with a dot")]
    public void Normalize_MalformedOrDisguisedAddress_IsRefusedWithReason(string? text, string reason)
    {
        var check = EmailAddresses.Normalize(text);
        check.Address.Should().BeNull();
        check.Error.Should().Contain(reason);
    }

    [Fact]
    public void Normalize_TooLongAddress_IsRefused()
        => EmailAddresses.Normalize(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".test")
            .Valid.Should().BeFalse();

    [Fact]
    public void Normalize_LocalPartOver64Characters_IsRefused()
        => EmailAddresses.Normalize(new string('a', 65) + "@globex.test").Valid.Should().BeFalse();
}
