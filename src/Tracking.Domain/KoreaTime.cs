using System.Globalization;

namespace Tracking.Domain;

/// <summary>
/// Times as a Korean tax office reads them: Korea Standard Time (UTC+9, no daylight saving), always
/// labelled, whatever zone the time was recorded in. Only how times are shown: the periods themselves
/// are kept as instants.
/// </summary>
public static class KoreaTime
{
    private static readonly TimeSpan s_offset = TimeSpan.FromHours(9);

    /// <summary>The same instant on Korea's clock.</summary>
    public static DateTimeOffset Of(DateTimeOffset time) => time.ToOffset(s_offset);

    /// <summary>The day in Korea.</summary>
    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(Of(time).DateTime);

    /// <summary>2026-12-04 18:35 KST.</summary>
    public static string Minutes(DateTimeOffset time) => Of(time).ToString("yyyy-MM-dd HH:mm 'KST'", CultureInfo.InvariantCulture);

    /// <summary>2026-12-04 18:35:07 KST.</summary>
    public static string Seconds(DateTimeOffset time) => Of(time).ToString("yyyy-MM-dd HH:mm:ss 'KST'", CultureInfo.InvariantCulture);

    /// <summary>2026-12-04 (KST).</summary>
    public static string Day(DateTimeOffset time) => DayOf(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " (KST)";
}
