using System.Globalization;

namespace Tracking.Domain;

/// <summary>Amounts of Korean won as people read them: 1,234,000원.</summary>
public static class Won
{
    public static string Format(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture) + "원";
}
