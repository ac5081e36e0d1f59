using System.Globalization;
using Tracking.Domain.Identity;

namespace Tracking.Domain.Tests;

public sealed class FixedWidthDateTests
{
    [Theory]
    [InlineData("yyyy-MM-dd")]
    [InlineData("yyyyMMdd")]
    [InlineData("yyyy.MM.dd")]
    [InlineData("dd.MM.yyyy")]
    [InlineData("yyMMdd")]
    [InlineData("yy MM dd")]
    public void It_reads_what_the_general_parser_reads_for_its_patterns(string pattern)
    {
        // Every date of a stretch that crosses leap days, centuries and month ends, written in the
        // pattern, then spoilt one character at a time: the two readers must agree on each text.
        var random = new Random(pattern.Length);
        var texts = new List<string>();
        for (var date = new DateOnly(1896, 1, 1); date < new DateOnly(2104, 12, 31); date = date.AddDays(random.Next(1, 40)))
        {
            var text = date.ToString(pattern, CultureInfo.InvariantCulture);
            texts.Add(text);
            var spoilt = text.ToCharArray();
            spoilt[random.Next(spoilt.Length)] = "0123456789-./ xO٣"[random.Next(17)];
            texts.Add(new string(spoilt));
            texts.Add(text[1..]);
            texts.Add(text + "1");
        }

        texts.AddRange(["", "0000-00-00", "00000000", "000000", "000229", "010229", "1900-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2024-04-31"]);
        var twoDigit = !pattern.Contains("yyyy", StringComparison.Ordinal);
        foreach (var text in texts)
        {
            // A two-digit year is read in 20yy unless told otherwise.
            DateOnly? expected = twoDigit
                ? DateOnly.TryParseExact("20" + text, "yy" + pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var inCentury) ? inCentury : null
                : DateOnly.TryParseExact(text, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var full) ? full : null;
            Assert.True(expected == FixedWidthDate.Read(text, pattern), $"'{text}' as {pattern}: expected {expected}");
        }
    }

    [Fact]
    public void A_two_digit_year_is_read_in_the_century_given()
    {
        Assert.Equal(new DateOnly(1985, 3, 15), FixedWidthDate.Read("850315", "yyMMdd", century: 19));
        Assert.Equal(new DateOnly(1885, 3, 15), FixedWidthDate.Read("850315", "yyMMdd", century: 18));
        Assert.Null(FixedWidthDate.Read("000229", "yyMMdd", century: 19));
        Assert.Equal(new DateOnly(2000, 2, 29), FixedWidthDate.Read("000229", "yyMMdd"));
    }

    [Theory]
    [InlineData("yyyy-MM-dd", true)]
    [InlineData("yyMMdd", true)]
    [InlineData("dd.MM.yyyy", true)]
    [InlineData("yyyy/MM/dd", false)]
    [InlineData("yyyy-M-d", false)]
    [InlineData("yyy-MM-dd", false)]
    [InlineData("yyyy-MM", false)]
    [InlineData("yyyy-MM-dd-dd", false)]
    [InlineData("yyyy-MMM-dd", false)]
    [InlineData("'on' yyyy-MM-dd", false)]
    [InlineData("yyyyTMMdd", false)]
    public void Only_fixed_width_digit_fields_and_plain_separators_are_taken(string pattern, bool supported)
    {
        Assert.Equal(supported, FixedWidthDate.Supports(pattern));
        if (!supported)
        {
            Assert.Throws<ArgumentException>(() => FixedWidthDate.Read("2024-01-02", pattern));
        }
    }

    [Fact]
    public void Birth_dates_in_other_patterns_still_parse()
    {
        Assert.Equal(new BirthDate(19, 85, 3, 5), BirthDate.Parse("1985/3/5", "yyyy/M/d"));
        Assert.Equal(new BirthDate(null, 85, 3, 5), BirthDate.Parse("3/5/85", "M/d/yy"));
    }
}
