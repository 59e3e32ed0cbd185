using System.Globalization;
using BrandPortal.Core.Data.Entities;
using BrandPortal.Web.Pages;
using FluentAssertions;
using Xunit;

namespace BrandPortal.Web.Tests.Localization;

/// <summary>Display writes in the request's language (its UI culture) as the customer emails do; English as before.</summary>
public sealed class DisplayCultureTests
{
    private static readonly DateTimeOffset Berlin = new(2026, 3, 3, 15, 5, 0, TimeSpan.FromHours(1));

    private static T In<T>(string culture, Func<T> write)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return write(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Theory]
    [InlineData("en", "3 Mar 2026", "3 Mar 2026, 14:05 UTC", "May 2026")]
    [InlineData("de", "3. März 2026", "3. März 2026, 14:05 UTC", "Mai 2026")]
    [InlineData("fr", "3 mars 2026", "3 mars 2026, 14:05 UTC", "mai 2026")]
    [InlineData("es", "3 de marzo de 2026", "3 de marzo de 2026, 14:05 UTC", "mayo de 2026")]
    [InlineData("ja", "2026年3月3日", "2026年3月3日 14:05 UTC", "2026年5月")]
    public void Dates_EachLanguage_AreWrittenInUtcTheWayItsEmailsWriteThem(string culture, string day, string when, string month)
    {
        In(culture, () => Display.Day(Berlin)).Should().Be(day);
        In(culture, () => Display.When(Berlin)).Should().Be(when);
        In(culture, () => Display.Month(new DateOnly(2026, 5, 1))).Should().Be(month);
        In(culture, () => Display.Iso(Berlin)).Should().Be("2026-03-03T14:05:00Z");
    }

    [Theory]
    [InlineData("en", "$1,234.50", "1,235")]
    [InlineData("de", "1.234,50\u00A0$", "1.235")]
    [InlineData("fr", "1\u202F234,50\u00A0$", "1\u202F235")]
    [InlineData("ja", "$1,234.50", "1,235")]
    public void MoneyAndNumbers_EachLanguage_UseItsSeparators(string culture, string money, string number)
    {
        In(culture, () => Display.Money(1234.5m, "USD")).Should().Be(money);
        In(culture, () => Display.Number(1234.6m)).Should().Be(number);
    }

    [Theory]
    [InlineData("de", "Kulanzerstattung", "Täglich", "5 Std. 20 Min.")]
    [InlineData("ja", "好意による返金", "毎日", "5 時間 20 分")]
    public void Words_German_AndJapanese_AreTranslated(string culture, string reason, string daily, string duration)
    {
        In(culture, () => Display.Reason(ContactReason.CourtesyRefund)).Should().Be(reason);
        In(culture, () => Display.Frequency(AlertFrequency.Daily)).Should().Be(daily);
        In(culture, () => Display.Duration(TimeSpan.FromMinutes(320))).Should().Be(duration);
    }

    [Fact]
    public void Words_PseudoCulture_AreWrappedWithPlaceholdersKept()
    {
        In("qps-ploc", () => Display.Reason(ContactReason.CustomerSupport)).Should().Be("⟦Çûšţöɱéŕ Šûþþöŕţ⟧");
        In("qps-ploc", () => Display.Duration(TimeSpan.FromMinutes(40))).Should().Be("⟦40 ɱîñ⟧");
    }
}
