using System.Data.Common;

namespace Tracking.Storage.Reminders;

/// <summary>The columns a reminder is read from, alike on every engine but for how a time is stored.</summary>
internal static class ReminderColumns
{
    public const string Select = "SELECT grain_id, reminder_name, start_time, period_ms, grain_hash, version FROM reminders";

    public static async Task<IReadOnlyList<ReminderRow>> ReadAsync(DbDataReader reader, Func<DbDataReader, DateTimeOffset> startAt, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ReminderRow(reader.GetString(0), reader.GetString(1), startAt(reader), TimeSpan.FromMilliseconds(reader.GetInt64(3)), reader.GetInt32(4), reader.GetInt64(5)));
        }

        return rows;
    }
}
