using System.Globalization;

namespace Tracking.Domain;

/// <summary>Amounts of Korean won as people read them (1,234,000원), and the most a ledger holds.</summary>
public static class Won
{
    /// <summary>
    /// ₩10조 (10^13): the most any one amount — a tax item, a payment, proceeds, an account's value —
    /// and any total of one taxpayer may come to. Far above any real tax debt, and far enough below
    /// what a 64-bit number holds that sums of bounded amounts cannot overflow.
    /// </summary>
    public const long Max = 10_000_000_000_000;

    public static bool InRange(long amount) => amount is >= 0 and <= Max;

    public static bool InRange(decimal amount) => amount is >= 0 and <= Max;

    public static string Format(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture) + "원";
}
