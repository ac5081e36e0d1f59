using System.Text;
using Tracking.TestingHost;

namespace Tracking.LoadTests.Sweep;

/// <summary>
/// The baseline: a single-threaded exact-key hash join that merely splits lines — taxpayers by
/// (name, YYMMDD) and by phone digits, each account row looked up — with no fuzzy matching and no
/// persistence. What any matcher must be measured against.
/// </summary>
internal static class PlainHashJoin
{
    public static long Run(string directory)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(directory, "taxpayers.csv")).Skip(1))
        {
            var f = line.Split(',');
            var birth = f[3].Replace("-", "", StringComparison.Ordinal);
            byKey[$"{f[1]}|{(birth.Length == 8 ? birth[2..] : birth)}"] = 1;
            byKey[new string(f[4].Where(char.IsAsciiDigit).ToArray())] = 1;
        }

        long joined = 0;
        foreach (var (exchange, file) in PopulationGenerator.Exchanges)
        {
            var encoding = exchange is "bithumb" or "gopax" ? Encoding.GetEncoding(949) : Encoding.UTF8;
            var separator = exchange switch { "coinone" => ';', "korbit" => '\t', _ => ',' };
            foreach (var line in File.ReadLines(Path.Combine(directory, file), encoding).Skip(1))
            {
                var f = line.Split(separator);
                var birth = new string(f[2].Where(char.IsAsciiDigit).ToArray());
                var phone = new string(f[3].Where(char.IsAsciiDigit).ToArray());
                if (phone.StartsWith("82", StringComparison.Ordinal))
                {
                    phone = "0" + phone[2..];
                }

                if (byKey.ContainsKey($"{f[1]}|{(birth.Length == 8 ? birth[2..] : birth[..Math.Min(6, birth.Length)])}") || byKey.ContainsKey(phone))
                {
                    joined++;
                }
            }
        }

        return joined;
    }
}
