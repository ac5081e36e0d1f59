using Microsoft.Data.Sqlite;
using Tracking.Storage.Persistence;

namespace Tracking.Storage.Sqlite;

/// <summary>
/// A batch in one transaction of prepared statements; when the store refuses a write's data, the
/// batch again with a savepoint around each write, so that the bad write is undone alone. SQLite
/// is synchronous underneath: callers keep it off grain threads. Every row keeps its state, a
/// creation's too (<see cref="StateWrite.StateToKeep"/>).
/// </summary>
internal sealed class SqliteGrainStore(SqliteDatabase database) : IGrainStore
{
    private const string InsertState = """
        INSERT INTO grain_state (partition, grain_type, grain_key, version, state, updated_at, indexed, indexed_at, record_hash)
        VALUES ($partition, $type, $key, $version, $state, $at, $indexed, $now, $recordHash)
        ON CONFLICT (grain_type, grain_key) DO NOTHING
        """;

    private const string UpdateState = """
        UPDATE grain_state SET version = $version, state = $state, updated_at = $at, indexed = $indexed,
            record_hash = CASE WHEN $keepsHash THEN record_hash ELSE $recordHash END,
            indexed_at = CASE WHEN indexed IS $indexed THEN indexed_at ELSE $now END
        WHERE grain_type = $type AND grain_key = $key AND version = $expected
        """;

    private const string InsertEvent = """
        INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at)
        VALUES ($partition, $type, $key, $version, $idx, $eventType, $payload, $at)
        """;

    private const string ClearViews = "DELETE FROM grain_views WHERE owner_type = $type AND owner_key = $key";

    private const string SetView = """
        INSERT INTO grain_views (view, view_key, owner_type, owner_key, doc) VALUES ($view, $viewKey, $type, $key, $doc)
        ON CONFLICT (view, view_key) DO UPDATE SET owner_type = excluded.owner_type, owner_key = excluded.owner_key, doc = excluded.doc
        """;

    public async Task<IReadOnlyList<StoredState?>> ReadStatesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        await ReadEachAsync<StoredState?>(grains, "version, state", row => new StoredState(row.GetInt64(0), row.GetString(1)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredRow?>> ReadRowsAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        await ReadEachAsync<StoredRow?>(grains, "version, state IS NOT NULL, indexed", row => new StoredRow(row.GetInt64(0), row.GetBoolean(1), row.IsDBNull(2) ? null : row.GetString(2)), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StoredRecordHash>> ReadRecordHashesAsync(IReadOnlyList<GrainKey> grains, CancellationToken cancellationToken) =>
        await ReadEachAsync(grains, "record_hash", row => new StoredRecordHash(Stored: true, row.IsDBNull(0) ? null : row.GetInt64(0)), cancellationToken).ConfigureAwait(false);

    public async Task WriteRecordHashesAsync(IReadOnlyList<CheckedRecordHash> hashes, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        using var update = PreparedCommands.Prepare(
            connection, transaction, "UPDATE grain_state SET record_hash = $hash WHERE grain_type = $type AND grain_key = $key AND version = $version", "$type", "$key", "$version", "$hash");
        foreach (var hash in hashes)
        {
            update.Bind(hash.Grain.Type, hash.Grain.Key, hash.Version, hash.Hash).ExecuteNonQuery();
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Columns of each grain's row, one prepared lookup per grain; the default for a grain never written.</summary>
    private async Task<T[]> ReadEachAsync<T>(IReadOnlyList<GrainKey> grains, string columns, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM grain_state WHERE grain_type = $type AND grain_key = $key";
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        command.Prepare();
        var rows = new T[grains.Count];
        for (var i = 0; i < grains.Count; i++)
        {
            (type.Value, key.Value) = (grains[i].Type, grains[i].Key);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                rows[i] = read(reader);
            }
        }

        return rows;
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A write that conflicts changes nothing, so a batch is written straight through; only when
        // one write's data is refused is it written again a write at a time, each undone alone.
        // The savepoints cost a bulk import about as much as its inserts.
        if (await TryWriteThroughAsync(connection, writes, cancellationToken).ConfigureAwait(false) is { } outcomes)
        {
            return outcomes;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await WriteEachUndoneAloneAsync(connection, writes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The batch in one transaction; null (nothing committed) when the store refuses a write's data.</summary>
    private async Task<WriteOutcome[]?> TryWriteThroughAsync(SqliteConnection connection, IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (commands, now) = (new BatchCommands(connection, transaction), StampHoldingTheLock());
        var outcomes = new WriteOutcome[writes.Count];
        try
        {
            for (var i = 0; i < writes.Count; i++)
            {
                outcomes[i] = commands.Write(writes[i], now);
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<WriteOutcome[]> WriteEachUndoneAloneAsync(SqliteConnection connection, IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (commands, now) = (new BatchCommands(connection, transaction), StampHoldingTheLock());
        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            // A savepoint per write: a failing write is undone alone and the rest of the batch commits.
            commands.Savepoint.ExecuteNonQuery();
            try
            {
                outcomes[i] = commands.Write(writes[i], now);
                commands.Release.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: this write's own data is bad; the others are unaffected.
                commands.Rollback.ExecuteNonQuery();
                commands.Release.ExecuteNonQuery();
                outcomes[i] = new WriteOutcome.Failed(ex);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>
    /// The rows' stamp, read once a transaction holds the write lock (this process's turn and the
    /// file's): after any clock a sweep read before it (see <see cref="ReadClockAsync"/>).
    /// </summary>
    private long StampHoldingTheLock() => SqliteDatabase.ToUnixMs(database.Clock.GetUtcNow());

    public async Task<IReadOnlyList<string>> ListKeysAsync(string grainType, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key FROM grain_state WHERE grain_type = $type AND grain_key > $after ORDER BY grain_key LIMIT $limit";
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$after", after ?? "");
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<long> ReadAllAsync(string grainType, DateTimeOffset? indexedSince, int pageSize, Func<IReadOnlyList<IndexedRecord>, Task> page, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, indexed FROM grain_state WHERE grain_type = $type AND indexed_at >= $since";
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$since", indexedSince is { } since ? SqliteDatabase.ToUnixMs(since) : long.MinValue);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await IndexedRecord.PagesAsync(reader, pageSize, page, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The wall clock, read holding the write lock (this process's turn and the file's): every
    /// write stamps its rows once it holds the lock, so every write committed later is stamped later.
    /// </summary>
    public async Task<DateTimeOffset> ReadClockAsync(CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var clock = database.Clock.GetUtcNow();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return clock;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainKey grain, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, idx, event_type, payload, recorded_at FROM grain_events
            WHERE grain_type = $type AND grain_key = $key ORDER BY version, idx
            """;
        command.Parameters.AddWithValue("$type", grain.Type);
        command.Parameters.AddWithValue("$key", grain.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), SqliteDatabase.FromUnixMs(reader.GetInt64(4))));
        }

        return events;
    }

    /// <summary>The statements of a batch, prepared once and bound again for each write.</summary>
    private sealed class BatchCommands
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _append;
        private readonly SqliteCommand _clearViews;
        private readonly SqliteCommand _setView;

        public BatchCommands(SqliteConnection connection, SqliteTransaction transaction)
        {
            SqliteCommand Command(string sql, params string[] parameters) => PreparedCommands.Prepare(connection, transaction, sql, parameters);

            _insert = Command(InsertState, "$partition", "$type", "$key", "$version", "$state", "$at", "$indexed", "$now", "$recordHash");
            _update = Command(UpdateState, "$partition", "$type", "$key", "$version", "$state", "$at", "$indexed", "$now", "$recordHash", "$expected", "$keepsHash");
            _append = Command(InsertEvent, "$partition", "$type", "$key", "$version", "$at", "$idx", "$eventType", "$payload");
            _clearViews = Command(ClearViews, "$type", "$key");
            _setView = Command(SetView, "$type", "$key", "$view", "$viewKey", "$doc");
            Savepoint = Command("SAVEPOINT w");
            Release = Command("RELEASE w");
            Rollback = Command("ROLLBACK TO w");
        }

        public SqliteCommand Savepoint { get; }

        public SqliteCommand Release { get; }

        public SqliteCommand Rollback { get; }

        public WriteOutcome Write(StateWrite write, long now)
        {
            var at = SqliteDatabase.ToUnixMs(write.At);
            var state = write.ExpectedVersion == 0 ? _insert : _update;
            state.Bind(write.Partition, write.Grain.Type, write.Grain.Key, write.NewVersion, (object?)(write.StateJson ?? write.StateToKeep?.Invoke()) ?? DBNull.Value, at, (object?)write.Indexed ?? DBNull.Value, now, (object?)write.RecordHash ?? DBNull.Value);
            if (write.ExpectedVersion != 0)
            {
                state.Parameters[9].Value = write.ExpectedVersion;
                state.Parameters[10].Value = write.KeepsRecordHash;
            }

            // SQLite is synchronous underneath: the async overloads would only add overhead here.
            if (state.ExecuteNonQuery() != 1)
            {
                return WriteOutcome.ConflictOutcome;
            }

            _append.Bind(write.Partition, write.Grain.Type, write.Grain.Key, write.NewVersion, at);
            for (var i = 0; i < write.Events.Count; i++)
            {
                _append.Parameters[5].Value = i;
                _append.Parameters[6].Value = write.Events[i].Type;
                _append.Parameters[7].Value = write.Events[i].Json;
                _append.ExecuteNonQuery();
            }

            if (write.Views is { } views)
            {
                _clearViews.Bind(write.Grain.Type, write.Grain.Key);
                _clearViews.ExecuteNonQuery();
                foreach (var view in views)
                {
                    _setView.Bind(write.Grain.Type, write.Grain.Key, view.View, view.Key, view.Json);
                    _setView.ExecuteNonQuery();
                }
            }

            return new WriteOutcome.Written(write.NewVersion);
        }
    }
}
