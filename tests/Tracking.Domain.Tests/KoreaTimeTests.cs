namespace Tracking.Domain.Tests;

public sealed class KoreaTimeTests
{
    [Fact]
    public void A_time_recorded_in_UTC_is_shown_on_Korea_s_clock_and_day_labelled()
    {
        var lateAfternoonUtc = new DateTimeOffset(2026, 12, 3, 15, 30, 7, TimeSpan.Zero);

        Assert.Equal("2026-12-04 00:30 KST", KoreaTime.Minutes(lateAfternoonUtc));
        Assert.Equal("2026-12-04 00:30:07 KST", KoreaTime.Seconds(lateAfternoonUtc));
        Assert.Equal("2026-12-04 (KST)", KoreaTime.Day(lateAfternoonUtc));
        Assert.Equal(new DateOnly(2026, 12, 4), KoreaTime.DayOf(lateAfternoonUtc));
        Assert.Equal(KoreaTime.Minutes(lateAfternoonUtc), KoreaTime.Minutes(lateAfternoonUtc.ToOffset(TimeSpan.FromHours(-5))));
    }
}
