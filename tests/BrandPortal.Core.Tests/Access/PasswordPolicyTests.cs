using BrandPortal.Core.Access;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Core.Tests.Access;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("BrandPortal-2026!", "rep.one@acme.test", null, "the name BrandPortal")]
    [InlineData("welcome-to-brandportal", "rep.one@acme.test", null, "the name BrandPortal")]
    [InlineData("Brand.Portal.Welcome", "rep.one@acme.test", null, "the name BrandPortal")]
    [InlineData("ＢｒａｎｄＰｏｒｔａｌ　ｗｅｌｃｏｍｅ", "rep.one@acme.test", null, "the name BrandPortal")]
    [InlineData("rep.one@acme.test", "rep.one@acme.test", null, "your email address")]
    [InlineData("REP.ONE@ACME.TEST-2026", "rep.one@acme.test", null, "your email address")]
    [InlineData("my-rep.one-password", "rep.one@acme.test", null, "the name of your email address")]
    [InlineData("my-repone-password", "rep.one@acme.test", null, "the name of your email address")]
    [InlineData("rep", "rep@acme.test", null, "the name of your email address")]
    [InlineData("Jane-Doe-2026-summer", "someone@example.test", "Jane Doe", "your name")]
    [InlineData("Jane-Doe-2026-summer", "jane@example.test", "Jane Doe", "the name of your email address")]
    [InlineData("janedoe-forever-12", "someone@example.test", "Jane Doe", "your name")]
    [InlineData("marie-loves-reviews", "someone@example.test", "Marie Curie", "your name")]
    [InlineData("curie-radium-1898", "someone@example.test", "Marie Curie", "your name")]
    public void ContextWordIn_PasswordWithContext_NamesTheWord(string password, string email, string? name, string word)
        => PasswordPolicy.ContextWordIn(password, email, name).Should().Be(word);

    [Theory]
    [InlineData("lantern-orbit-pepper-42", "rep.one@acme.test", null)]
    [InlineData("preparation-orbit-42", "rep@acme.test", null)]
    [InlineData("orbit-jo-lantern-42", "jo@acme.test", "Jo Li")]
    [InlineData("lantern-orbit-pepper-42", "someone@example.test", "Jane Doe")]
    [InlineData("brand-lantern-portal", "someone@example.test", null)]
    public void ContextWordIn_PasswordWithoutContext_IsNull(string password, string email, string? name)
        => PasswordPolicy.ContextWordIn(password, email, name).Should().BeNull();
}
