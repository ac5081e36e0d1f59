using Microsoft.Data.Sqlite;

namespace Tracking.Storage.Sqlite;

/// <summary>Statements of a write batch: prepared once in its transaction, bound again for each write.</summary>
internal static class PreparedCommands
{
    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    /// <summary>Sets the first parameters, in order, to <paramref name="values"/>.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command;
    }
}
