using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Tracking.Runtime.Activation;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime.Membership;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;
using Tracking.Runtime.Transport;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Hosting;

/// <summary>
/// A host process's grain runtime: activates grains on demand, runs their turns, persists their
/// state through the storage provider and delivers their reminders. On a store with membership and
/// leases (PostgreSQL) it is one silo of a cluster: it hosts only the partitions whose leases it
/// holds, writes under those leases, and sends calls for other partitions to their owners.
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
    private readonly JsonSerializerOptions _wireJson;
    private readonly PartitionMap? _partitions;
    private readonly SiloTransport? _transport;
    private ClusterAgent? _agent;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _storageError;
    private ActivationDirectory? _directory;
    private StateWriteBatcher? _writer;
    private StateReadBatcher? _reader;
    private ReminderService? _reminders;
    private Task _background = Task.CompletedTask;
    private int _callsInFlight;
    private readonly MailboxDepth _mailboxes = new();

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
        _serializer = new GrainStateSerializer(options.Json ?? throw new ArgumentException("SiloOptions.Json is required.", nameof(options)), options.ViewJson ?? options.Json);
        _partitioner = new GrainPartitioner(options.PartitionCount);
        _wireJson = new JsonSerializerOptions(options.Json) { TypeInfoResolver = JsonTypeInfoResolver.Combine(options.Json.TypeInfoResolver, RuntimeJsonContext.Default) };
        if (storage.Leases is not null && storage.Membership is not null)
        {
            options.Cluster.Validate();
            _partitions = new PartitionMap(options.Cluster.SiloId, options.PartitionCount, options.Cluster.LeaseSafetyMargin, options.Cluster.ClientOnly);
            _transport = new SiloTransport(_wireJson, options.RemoteExceptions);
        }
        else if (options.Cluster.ClientOnly)
        {
            throw new ArgumentException($"A client needs a cluster store; {storage.Description} serves one silo only.", nameof(options));
        }
    }

    public SiloStatus Status { get; private set; } = SiloStatus.Created;

    /// <summary>The options the silo runs with; a host sets <see cref="ClusterOptions.Address"/> here once it listens, before start.</summary>
    public SiloOptions Options => _options;

    /// <summary>Completes when storage has been reached and the silo takes calls.</summary>
    public Task Ready => _ready.Task;

    public int ActivationCount => _directory?.Count ?? 0;

    /// <summary>Messages waiting in mailboxes behind a running turn: the silo's backlog.</summary>
    public int QueuedMessages => _mailboxes.Count;

    /// <summary>This silo's id in the cluster, or null for a silo alone on its store.</summary>
    public string? ClusterId => _partitions?.Silo;

    /// <summary>The partitions this silo hosts now: all of them for a silo alone on its store.</summary>
    public IReadOnlyList<int> HeldPartitions => _partitions?.HeldPartitions() ?? Enumerable.Range(0, _partitioner.PartitionCount).ToArray();

    /// <summary>
    /// Ready for work: running, and in a cluster also reaching storage (its last beat is younger
    /// than <see cref="ClusterOptions.SiloTimeout"/>, after which others count it gone) and, unless
    /// only a client, holding at least one partition lease. A silo alone on its store holds every partition.
    /// </summary>
    public SiloReadiness Readiness()
    {
        if (Status != SiloStatus.Running)
        {
            return new SiloReadiness(false, $"silo is {Status}");
        }

        if (_agent is { } agent)
        {
            if (agent.SinceLastBeat > _options.Cluster.SiloTimeout)
            {
                return new SiloReadiness(false, $"storage not reached for {agent.SinceLastBeat.TotalSeconds:F0} s");
            }

            if (!_options.Cluster.ClientOnly && HeldPartitions.Count == 0)
            {
                return new SiloReadiness(false, "holds no partition lease");
            }
        }

        return SiloReadiness.Ready;
    }

    /// <summary>Raised when an operator asked this silo to stop and it has handed all its partitions over; the host then shuts down.</summary>
    public event Action? StopRequested;

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

        if (_partitions is not null)
        {
            if (!_options.Cluster.ClientOnly && _options.Cluster.Address is null)
            {
                throw new InvalidOperationException("ClusterOptions.Address is required for a silo that hosts grains: other silos forward calls to it.");
            }

            CheckSerializable();
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
        if (_partitions is null && !RuntimeTelemetry.Source.HasListeners() && !RuntimeTelemetry.CallDuration.Enabled)
        {
            // Alone on the store every grain is local: the common case takes no detour (nor, unwatched, a span or a measurement).
            var item = new WorkItem<TResult>(message, handler, cancellationToken);
            if (directory.TryDispatch(grain, type, item) is null)
            {
                var result = item.Result;
                return result.IsCompleted ? result : WaitAsync(result, grain, message.GetType(), timeout ?? _options.DefaultCallTimeout, cancellationToken);
            }
        }

        return RouteAsync(grain, type, handler, message, timeout ?? _options.DefaultCallTimeout, forwarded: false, cancellationToken);
    }

    /// <summary>
    /// Runs a call where its grain lives now, waiting out moves within the call's timeout: here if
    /// this silo holds the partition, else at its owner (a forwarded call is never forwarded again).
    /// A call is retried only when nothing of it can have committed: the target was unreachable or
    /// not the owner, or the turn's write was fenced. Grain messages are idempotent, as reminders'
    /// at-least-once delivery already requires, so a retry after a lost reply is safe too.
    /// </summary>
    internal async Task<TResult> RouteAsync<TResult>(
        GrainId grain,
        GrainTypeInfo type,
        Func<Grain, object, CancellationToken, Task<TResult>> handler,
        object message,
        TimeSpan timeout,
        bool forwarded,
        CancellationToken cancellationToken)
    {
        var partition = _partitioner.PartitionOf(grain);
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _callsInFlight);
        using var activity = RuntimeTelemetry.Source.StartActivity($"call {grain.Type}", forwarded ? ActivityKind.Internal : ActivityKind.Client);
        activity?.SetTag(RuntimeTelemetry.GrainTypeTag, grain.Type);
        activity?.SetTag(RuntimeTelemetry.PartitionTag, partition);
        var outcome = "ok";
        try
        {
            while (true)
            {
                var remaining = timeout - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw new GrainCallTimeoutException(grain, message.GetType(), timeout);
                }

                var route = _partitions?.Route(partition) ?? PartitionRoute.Local;
                try
                {
                    switch (route.Kind)
                    {
                        case PartitionRouteKind.Local:
                            var item = new WorkItem<TResult>(message, handler, cancellationToken);
                            if (EnsureRunning().TryDispatch(grain, type, item) is { } leaving)
                            {
                                await WaitQuietlyAsync(leaving, remaining, cancellationToken).ConfigureAwait(false);
                                continue;
                            }

                            return await WaitAsync(item.Result, grain, message.GetType(), remaining, cancellationToken).ConfigureAwait(false);
                        case PartitionRouteKind.Remote when forwarded:
                            throw new PartitionNotHereException(partition);
                        case PartitionRouteKind.Remote:
                            return await _transport!.CallAsync<TResult>(route.Address!, grain, message, remaining, forwarded: !_options.Cluster.ClientOnly, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (PartitionMovedException) when (_partitions is not null)
                {
                    // The store refused the turn's write: the lease is gone, whatever this silo thought.
                    _partitions.Drop(partition);
                    _ = DeactivatePartitionAsync(partition, CancellationToken.None);
                }
                catch (SiloUnreachableException ex)
                {
                    LogRetrying(_logger, grain, ex.Message);
                    _partitions!.Forget(partition);
                }

                await WaitQuietlyAsync(_partitions!.Changed, TimeSpan.FromMilliseconds(Math.Min(250, remaining.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            outcome = ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _callsInFlight);
            RuntimeTelemetry.CallDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new(RuntimeTelemetry.GrainTypeTag, grain.Type),
                new(RuntimeTelemetry.OutcomeTag, outcome),
                RuntimeTelemetry.SiloOf(ClusterId));
        }
    }

    /// <summary>Answers a call that arrived over the transport; a grain's exception becomes a fault in the reply.</summary>
    internal async Task<RemoteReply> AnswerAsync(RemoteCall call, CancellationToken cancellationToken)
    {
        EnsureRunning();
        var grain = new GrainId(call.GrainType, call.GrainKey);
        var type = _types.Resolve(call.GrainType);
        var remote = type.FindRemoteHandler(call.MessageType) ?? throw new UnhandledMessageException(grain, typeof(object));
        try
        {
            var message = call.Message.Deserialize(_wireJson.GetTypeInfo(remote.MessageType))!;
            var result = await remote.Invoke(this, grain, type, message, TimeSpan.FromMilliseconds(call.TimeoutMs), call.Forwarded, cancellationToken).ConfigureAwait(false);
            return new RemoteReply(JsonSerializer.SerializeToElement(result, _wireJson.GetTypeInfo(remote.ResultType)), null);
        }
        catch (Exception ex) when (ex is not PartitionNotHereException and not OperationCanceledException)
        {
            return new RemoteReply(null, new RemoteFault(ex.GetType().FullName!, ex.Message));
        }
    }

    /// <summary>Writes new grains sent by another silo, for the partitions held here; the rest are reported as moved.</summary>
    internal async Task<RemoteCreationReply> AnswerAsync(RemoteCreations creations, CancellationToken cancellationToken)
    {
        EnsureRunning();
        var now = _timeProvider.GetUtcNow();
        var writes = creations.Creations
            .Select(c => (Id: new GrainId(creations.GrainType, c.Key), Creation: c))
            .Select(c => new StateWrite(c.Id, _partitioner.PartitionOf(c.Id), 0, c.Creation.State, c.Creation.Events, now) { Views = c.Creation.Views })
            .ToArray();
        return new RemoteCreationReply(await WriteCreationsAsync(writes, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stops heartbeating and renewing leases while the silo runs on, like a process frozen by a long pause. For fault-injection tests.</summary>
    public void SuspendHeartbeats() => _agent?.Suspend();

    public void ResumeHeartbeats() => _agent?.Resume();

    /// <summary>The cluster as the store records it: silos and partition leases.</summary>
    public async Task<ClusterSnapshot> ReadClusterAsync(CancellationToken cancellationToken)
    {
        EnsureRunning();
        if (_storage.Membership is not { } membership || _storage.Leases is not { } leases)
        {
            throw new InvalidOperationException($"{_storage.Description} serves one silo only; there is no cluster to show.");
        }

        return new ClusterSnapshot(await membership.ReadAllAsync(cancellationToken).ConfigureAwait(false), await leases.ReadAllAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Asks a silo to hand all its partitions over and then either stay up hosting nothing (<see cref="SiloMemberStatus.Draining"/>) or stop (<see cref="SiloMemberStatus.Stopping"/>).</summary>
    public Task<bool> RequestStatusAsync(string silo, SiloMemberStatus status, CancellationToken cancellationToken)
    {
        EnsureRunning();
        return (_storage.Membership ?? throw new InvalidOperationException($"{_storage.Description} serves one silo only.")).SetStatusAsync(silo, status, cancellationToken);
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

            pending.Add((i, new StateWrite(id, _partitioner.PartitionOf(id), 0, _serializer.SerializeState(creations[i].State), _serializer.SerializeEvents(creations[i].Events), now) { Views = _serializer.SerializeViews(creations[i].Views) }));
        }

        // Each creation is written by the silo holding its partition: this one's directly, the
        // others' in one batch per owner. Those that moved meanwhile go round again.
        var started = Stopwatch.GetTimestamp();
        while (pending.Count > 0)
        {
            if (Stopwatch.GetElapsedTime(started) > _options.DefaultCallTimeout)
            {
                throw new GrainCallTimeoutException(pending[0].Write.Grain, typeof(GrainCreation<TState, TEvent>), _options.DefaultCallTimeout);
            }

            var byRoute = pending.GroupBy(p => _partitions?.Route(p.Write.Partition) ?? PartitionRoute.Local).ToArray();
            var moved = new List<(int Index, StateWrite Write)>();
            await Parallel.ForEachAsync(
                byRoute.SelectMany(g => g.Chunk(_options.Storage.MaxBulkBatchSize).Select(chunk => (Route: g.Key, Chunk: chunk))),
                new ParallelOptions { MaxDegreeOfParallelism = WriterConcurrency, CancellationToken = cancellationToken },
                async (batch, ct) =>
                {
                    var writes = batch.Chunk.Select(p => p.Write).ToArray();
                    var outcomes = batch.Route.Kind switch
                    {
                        PartitionRouteKind.Local => await WriteCreationsAsync(writes, ct).ConfigureAwait(false),
                        PartitionRouteKind.Remote => await CreateRemotelyAsync(batch.Route.Address!, type, writes, ct).ConfigureAwait(false),
                        _ => writes.Select(_ => CreationOutcome.Moved).ToArray(),
                    };
                    for (var i = 0; i < batch.Chunk.Length; i++)
                    {
                        created[batch.Chunk[i].Index] = outcomes[i] == CreationOutcome.Created;
                        if (outcomes[i] == CreationOutcome.Moved)
                        {
                            lock (moved)
                            {
                                moved.Add(batch.Chunk[i]);
                            }
                        }
                    }
                }).ConfigureAwait(false);
            pending = moved;
            if (pending.Count > 0)
            {
                await WaitQuietlyAsync(_partitions!.Changed, TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }

        return created;
    }

    /// <summary>A page of the keys of written grains of one type, in key order after <paramref name="after"/>.</summary>
    public Task<IReadOnlyList<string>> ListKeysAsync<TGrain>(string? after, int limit, CancellationToken cancellationToken) where TGrain : IGrain
    {
        EnsureRunning();
        return _storage.States.ListKeysAsync(_types.Resolve(typeof(TGrain)).Name, after, limit, cancellationToken);
    }

    /// <summary>The read models, read straight from storage by any silo (a client-only one too).</summary>
    public IViewStore Views
    {
        get
        {
            EnsureRunning();
            return _storage.Views;
        }
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

    /// <summary>
    /// Stops taking calls, lets accepted messages finish, deactivates every grain and flushes
    /// writes; in a cluster it first hands every partition over and leaves.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Status is SiloStatus.Stopping or SiloStatus.Stopped)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellation(_background).ConfigureAwait(false);
        if (_reminders is not null)
        {
            await _reminders.DisposeAsync().ConfigureAwait(false);
        }

        if (_agent is not null)
        {
            // Still running while partitions drain, so the turns they accepted can finish.
            await _agent.LeaveAsync(cancellationToken).ConfigureAwait(false);
        }

        Status = SiloStatus.Stopping;
        if (_agent is not null)
        {
            // Calls that were passing through on their way to other silos finish before the
            // transport and the view of the cluster they rely on go away.
            var waited = Stopwatch.StartNew();
            while (Volatile.Read(ref _callsInFlight) > 0 && waited.Elapsed < _options.DefaultCallTimeout)
            {
                await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
            }

            await _agent.DisposeAsync().ConfigureAwait(false);
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
        _transport?.Dispose();
        Status = SiloStatus.Stopped;
        RuntimeTelemetry.Untrack(this);
        LogStopped(_logger);
    }

    /// <summary>
    /// Stops as a killed process would: no hand-over, no release, nothing flushed; the leases
    /// lapse and other silos reclaim the partitions. For fault-injection tests.
    /// </summary>
    public async Task AbortAsync()
    {
        if (Status is SiloStatus.Stopping or SiloStatus.Stopped)
        {
            return;
        }

        Status = SiloStatus.Stopping;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
        }

        if (_reminders is not null)
        {
            await _reminders.DisposeAsync().ConfigureAwait(false);
        }

        await IgnoreCancellation(_background).ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
        _transport?.Dispose();
        Status = SiloStatus.Stopped;
        RuntimeTelemetry.Untrack(this);
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
            await _storage.Views.EnsureAsync([.. _options.Views], cancellationToken).ConfigureAwait(false);
            if (_partitions is not null)
            {
                await JoinClusterAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not InvalidOperationException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            _storageError = ex;
            LogStorageUnreachable(_logger, _storage.Description, ex.Message);
            return false;
        }

        _writer = new StateWriteBatcher(_storage.States, _options.Storage.MaxWriteBatchSize, WriterConcurrency, ClusterId, _logger);
        _reader = new StateReadBatcher(_storage.States, _options.Storage.MaxReadBatchSize, _options.Storage.ReaderConcurrency);
        _reminders = new ReminderService(
            _storage.Reminders,
            _timeProvider,
            _options.ReminderPollInterval,
            _partitions,
            (reminder, ct) => CallAsync<Done>(reminder.Grain, new ReminderFired(reminder.Name, reminder.DueAt), timeout: null, ct),
            _loggerFactory.CreateLogger<ReminderService>());
        var runtime = new GrainRuntime(_services, this, _storage.States, _reader, _writer, _serializer, _reminders, _partitioner, _partitions, _mailboxes, _timeProvider, _logger);
        _directory = new ActivationDirectory(runtime, _partitioner);
        Status = SiloStatus.Running;
        RuntimeTelemetry.Track(this);
        if (!_options.Cluster.ClientOnly)
        {
            _reminders.Start();
            _background = CollectIdlePeriodicallyAsync(_stopping.Token);
        }

        _ready.TrySetResult();
        LogStarted(_logger, _storage.Description);
        return true;
    }

    private async Task JoinClusterAsync(CancellationToken cancellationToken)
    {
        await _storage.Leases!.EnsurePartitionsAsync(_options.PartitionCount, cancellationToken).ConfigureAwait(false);
        _agent ??= CreateAgent();
        await _agent.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private ClusterAgent CreateAgent()
    {
        var agent = new ClusterAgent(
            _options.Cluster,
            _storage.Membership!,
            _storage.Leases!,
            _partitions!,
            DeactivatePartitionAsync,
            () => ActivationCount,
            _loggerFactory.CreateLogger<ClusterAgent>());
        agent.StopRequested += () => StopRequested?.Invoke();
        return agent;
    }

    /// <summary>Every message and result must have JSON metadata before a cluster silo takes calls, or the first remote call would fail.</summary>
    private void CheckSerializable()
    {
        var missing = _types.MissingWireTypes(_wireJson);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"SiloOptions.Json has no metadata for these grain messages or results, so they cannot cross silos: {string.Join(", ", missing)}.");
        }
    }

    private Task DeactivatePartitionAsync(int partition, CancellationToken cancellationToken) =>
        _directory?.DeactivatePartitionAsync(partition, cancellationToken) ?? Task.CompletedTask;

    private async Task<CreationOutcome[]> WriteCreationsAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        var fenced = new List<StateWrite>(writes.Count);
        var outcomes = new CreationOutcome[writes.Count];
        var indexes = new List<int>(writes.Count);
        for (var i = 0; i < writes.Count; i++)
        {
            if (_partitions is null)
            {
                fenced.Add(writes[i]);
            }
            else if (_partitions.Route(writes[i].Partition).Kind == PartitionRouteKind.Local)
            {
                fenced.Add(writes[i] with { Fence = _partitions.FenceFor(writes[i].Grain, writes[i].Partition) });
            }
            else
            {
                outcomes[i] = CreationOutcome.Moved;
                continue;
            }

            indexes.Add(i);
        }

        var results = fenced.Count == 0 ? [] : await WriteNowAsync(fenced, cancellationToken).ConfigureAwait(false);
        for (var j = 0; j < results.Count; j++)
        {
            outcomes[indexes[j]] = results[j] switch
            {
                WriteOutcome.Written => CreationOutcome.Created,
                WriteOutcome.Conflict => CreationOutcome.Existed,
                WriteOutcome.Fenced => CreationOutcome.Moved,
                WriteOutcome.Failed failed => throw new StorageUnavailableException($"Creating grain {fenced[j].Grain} failed: {failed.Error.Message}", failed.Error),
                _ => CreationOutcome.Existed,
            };
        }

        return outcomes;
    }

    /// <summary>New grains are written at once, not through group commit: a bulk creation is a batch already.</summary>
    private async Task<IReadOnlyList<WriteOutcome>> WriteNowAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = RuntimeTelemetry.StartWrites(writes.Count);
        IReadOnlyList<WriteOutcome>? outcomes = null;
        try
        {
            outcomes = await _storage.States.WriteBatchAsync(writes, cancellationToken).ConfigureAwait(false);
            return outcomes;
        }
        finally
        {
            RuntimeTelemetry.RecordWrites(activity, RuntimeTelemetry.SiloOf(ClusterId), writes.Count, Stopwatch.GetElapsedTime(started), outcomes);
        }
    }

    private async Task<CreationOutcome[]> CreateRemotelyAsync(Uri silo, string type, IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            return (await _transport!.CreateAsync(silo, type, writes, _options.DefaultCallTimeout, cancellationToken).ConfigureAwait(false)).ToArray();
        }
        catch (SiloUnreachableException ex)
        {
            LogRetrying(_logger, writes[0].Grain, ex.Message);
            return writes.Select(_ => CreationOutcome.Moved).ToArray();
        }
    }

    private static async Task WaitQuietlyAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call to grain {Grain} is routed again: {Reason}")]
    private static partial void LogRetrying(ILogger logger, GrainId grain, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo stopped")]
    private static partial void LogStopped(ILogger logger);
}
