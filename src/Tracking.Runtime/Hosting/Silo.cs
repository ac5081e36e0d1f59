using Microsoft.Extensions.Logging;
using Tracking.Runtime.Activation;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Hosting;

/// <summary>
/// A host process's grain runtime: activates grains on demand, runs their turns, persists their
/// state through the storage provider and delivers their reminders.
/// </summary>
public sealed partial class Silo : IGrainFactory, IGrainCaller, IGrainBulkCreator, IAsyncDisposable
{
    private readonly SiloOptions _options;
    private readonly IStorageProvider _storage;
    private readonly GrainTypeRegistry _types;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly GrainStateSerializer _serializer;
    private readonly GrainPartitioner _partitioner;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _storageError;
    private ActivationDirectory? _directory;
    private StateWriteBatcher? _writer;
    private StateReadBatcher? _reader;
    private ReminderService? _reminders;
    private Task _background = Task.CompletedTask;

    public Silo(
        SiloOptions options,
        IStorageProvider storage,
        GrainTypeRegistry types,
        IServiceProvider services,
        ILoggerFactory loggerFactory,
        TimeProvider timeProvider)
    {
        _options = options;
        _storage = storage;
        _types = types;
        _services = services;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<Silo>();
        _serializer = new GrainStateSerializer(options.Json ?? throw new ArgumentException("SiloOptions.Json is required.", nameof(options)));
        _partitioner = new GrainPartitioner(options.PartitionCount);
    }

    public SiloStatus Status { get; private set; } = SiloStatus.Created;

    /// <summary>Completes when storage has been reached and the silo takes calls.</summary>
    public Task Ready => _ready.Task;

    public int ActivationCount => _directory?.Count ?? 0;

    /// <summary>Write batches committed at once: as configured, but no more than the store can use.</summary>
    private int WriterConcurrency => Math.Min(_options.Storage.WriterConcurrency, _storage.MaxConcurrentWriteBatches);

    /// <summary>
    /// Starts the silo. If storage cannot be reached the silo still starts, reports
    /// <see cref="SiloStatus.WaitingForStorage"/>, answers calls with a clear error and keeps retrying.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Status != SiloStatus.Created)
        {
            throw new InvalidOperationException($"A silo starts once; this one is {Status}.");
        }

        Status = SiloStatus.WaitingForStorage;
        if (!await TryInitializeStorageAsync(cancellationToken).ConfigureAwait(false))
        {
            _background = RetryStorageAsync(_stopping.Token);
        }
    }

    public GrainReference<TGrain> Get<TGrain>(string key) where TGrain : IGrain =>
        new(new GrainId(_types.Resolve(typeof(TGrain)).Name, key), this);

    /// <summary>Calls a grain named by type name and key, as a transport or tool does.</summary>
    public Task<TResult> CallAsync<TResult>(GrainId grain, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var directory = EnsureRunning();
        var type = _types.Resolve(grain.Type);
        var handler = type.FindHandler<TResult>(message.GetType()) ?? throw new UnhandledMessageException(grain, message.GetType());
        var item = new WorkItem<TResult>(message, handler, cancellationToken);
        directory.Dispatch(grain, type, item);
        var result = item.Result;
        return result.IsCompleted ? result : WaitAsync(result, grain, message.GetType(), timeout ?? _options.DefaultCallTimeout, cancellationToken);
    }

    public async Task<IReadOnlyList<bool>> CreateManyAsync<TGrain, TState, TEvent>(IReadOnlyList<GrainCreation<TState, TEvent>> creations, CancellationToken cancellationToken)
        where TGrain : IGrain
        where TState : class
        where TEvent : class
    {
        var directory = EnsureRunning();
        var type = _types.Resolve(typeof(TGrain)).Name;
        var now = _timeProvider.GetUtcNow();
        var created = new bool[creations.Count];
        var pending = new List<(int Index, StateWrite Write)>(creations.Count);
        for (var i = 0; i < creations.Count; i++)
        {
            var id = new GrainId(type, creations[i].Key);
            if (directory.Contains(id))
            {
                continue;
            }

            pending.Add((i, new StateWrite(id, _partitioner.PartitionOf(id), 0, _serializer.SerializeState(creations[i].State), _serializer.SerializeEvents(creations[i].Events), now)));
        }

        await Parallel.ForEachAsync(
            pending.Chunk(_options.Storage.MaxBulkBatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = WriterConcurrency, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var outcomes = await _storage.States.WriteBatchAsync(chunk.Select(p => p.Write).ToArray(), ct).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    created[chunk[i].Index] = outcomes[i] switch
                    {
                        WriteOutcome.Written => true,
                        WriteOutcome.Conflict => false,
                        WriteOutcome.Failed failed => throw new StorageUnavailableException($"Creating grain {chunk[i].Write.Grain} failed: {failed.Error.Message}", failed.Error),
                        _ => false,
                    };
                }
            }).ConfigureAwait(false);
        return created;
    }

    /// <summary>A page of the keys of written grains of one type, in key order after <paramref name="after"/>.</summary>
    public Task<IReadOnlyList<string>> ListKeysAsync<TGrain>(string? after, int limit, CancellationToken cancellationToken) where TGrain : IGrain
    {
        EnsureRunning();
        return _storage.States.ListKeysAsync(_types.Resolve(typeof(TGrain)).Name, after, limit, cancellationToken);
    }

    /// <summary>Deactivates activations that have been idle longer than <see cref="SiloOptions.IdleTimeout"/>; returns how many.</summary>
    public async Task<int> CollectIdleActivationsAsync(CancellationToken cancellationToken)
    {
        if (_directory is not { } directory)
        {
            return 0;
        }

        var cutoff = _timeProvider.GetUtcNow() - _options.IdleTimeout;
        var idle = directory.All.Where(a => a.TryCloseIfIdle(cutoff)).ToArray();
        await Task.WhenAll(idle.Select(a => a.DeactivateAsync(directory.Remove, cancellationToken))).ConfigureAwait(false);
        if (idle.Length > 0)
        {
            LogCollected(_logger, idle.Length);
        }

        return idle.Length;
    }

    /// <summary>Delivers the reminders due now without waiting for the next poll; returns how many fired.</summary>
    public Task<int> DeliverDueRemindersAsync(CancellationToken cancellationToken) =>
        _reminders?.DeliverDueAsync(cancellationToken) ?? Task.FromResult(0);

    /// <summary>Stops taking calls, lets accepted messages finish, deactivates every grain and flushes writes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Status is SiloStatus.Stopping or SiloStatus.Stopped)
        {
            return;
        }

        Status = SiloStatus.Stopping;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(_background).ConfigureAwait(false);
        if (_reminders is not null)
        {
            await _reminders.DisposeAsync().ConfigureAwait(false);
        }

        if (_directory is { } directory)
        {
            var all = directory.All.ToArray();
            await Task.WhenAll(all.Select(a => a.CloseAsync())).ConfigureAwait(false);
            await Task.WhenAll(all.Select(a => a.DeactivateAsync(directory.Remove, cancellationToken))).ConfigureAwait(false);
        }

        if (_reader is not null)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }

        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        await _storage.DisposeAsync().ConfigureAwait(false);
        Status = SiloStatus.Stopped;
        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>Throws the reason this silo takes no calls (storage out of reach, not started, stopping), if it takes none.</summary>
    public void ThrowIfNotRunning() => EnsureRunning();

    private ActivationDirectory EnsureRunning()
    {
        if (Status == SiloStatus.Running && _directory is { } directory)
        {
            return directory;
        }

        if (Status == SiloStatus.WaitingForStorage)
        {
            throw new StorageUnavailableException(
                $"Storage ({_storage.Description}) is not reachable: {_storageError?.Message} The silo keeps retrying every {_options.Storage.StartRetryInterval.TotalSeconds:0.#} s.",
                _storageError);
        }

        throw new SiloUnavailableException($"The silo is {Status.ToString().ToLowerInvariant()} and takes no calls.");
    }

    private async Task<bool> TryInitializeStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _storageError = ex;
            LogStorageUnreachable(_logger, _storage.Description, ex.Message);
            return false;
        }

        _writer = new StateWriteBatcher(_storage.States, _options.Storage.MaxWriteBatchSize, WriterConcurrency, _logger);
        _reader = new StateReadBatcher(_storage.States, _options.Storage.MaxReadBatchSize, _options.Storage.ReaderConcurrency);
        _reminders = new ReminderService(
            _storage.Reminders,
            _timeProvider,
            _options.ReminderPollInterval,
            (reminder, ct) => CallAsync<Done>(reminder.Grain, new ReminderFired(reminder.Name, reminder.DueAt), timeout: null, ct),
            _loggerFactory.CreateLogger<ReminderService>());
        var runtime = new GrainRuntime(_services, this, _storage.States, _reader, _writer, _serializer, _reminders, _partitioner, _timeProvider, _logger);
        _directory = new ActivationDirectory(runtime, _partitioner);
        Status = SiloStatus.Running;
        _reminders.Start();
        _background = CollectIdlePeriodicallyAsync(_stopping.Token);
        _ready.TrySetResult();
        LogStarted(_logger, _storage.Description);
        return true;
    }

    private async Task RetryStorageAsync(CancellationToken cancellationToken)
    {
        // Infrastructure retries run on wall-clock time, whatever clock the grains see.
        while (!await TryInitializeStorageAsync(cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(_options.Storage.StartRetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CollectIdlePeriodicallyAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.CollectionInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            await CollectIdleActivationsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<TResult> WaitAsync<TResult>(Task<TResult> result, GrainId grain, Type messageType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            // Call timeouts are a transport matter and run on wall-clock time.
            return await result.WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GrainCallTimeoutException(grain, messageType, timeout);
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo running on {Storage}")]
    private static partial void LogStarted(ILogger logger, string storage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage {Storage} is not reachable: {Reason}; retrying")]
    private static partial void LogStorageUnreachable(ILogger logger, string storage, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated {Count} idle activations")]
    private static partial void LogCollected(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stopped")]
    private static partial void LogStopped(ILogger logger);
}
