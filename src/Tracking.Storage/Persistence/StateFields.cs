using System.Data.Common;
using System.Globalization;

namespace Tracking.Storage.Persistence;

/// <summary>
/// A stored grain's key and the values its state holds at the paths a read asked for (null where
/// absent or null), as text. Strings and integers read the same from every engine; booleans,
/// decimals and objects do not (SQLite gives true as 1), so paths lead to strings and integers.
/// </summary>
public sealed record StateFields(string Key, IReadOnlyList<string?> Values)
{
    /// <summary>Rows of a key and <paramref name="fields"/> values, handed on <paramref name="pageSize"/> at a time.</summary>
    internal static async Task<long> PagesAsync(DbDataReader reader, int fields, int pageSize, Func<IReadOnlyList<StateFields>, Task> page, CancellationToken cancellationToken)
    {
        var rows = 0L;
        var current = new List<StateFields>(pageSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new string?[fields];
            for (var i = 0; i < values.Length; i++)
            {
                // SQLite gives numbers as numbers: every engine's values are handed on as text.
                values[i] = reader.IsDBNull(i + 1) ? null : Convert.ToString(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
            }

            current.Add(new StateFields(reader.GetString(0), values));
            rows++;
            if (current.Count == pageSize)
            {
                await page(current).ConfigureAwait(false);
                current = new List<StateFields>(pageSize);
            }
        }

        if (current.Count > 0)
        {
            await page(current).ConfigureAwait(false);
        }

        return rows;
    }
}
