using System.Collections.Concurrent;

namespace Tracking.Runtime.Tests.Grains;

/// <summary>Counts activations, deactivations and write attempts per grain, as seen by the grains themselves (one log per silo).</summary>
public sealed class ActivationLog
{
    private readonly ConcurrentDictionary<GrainId, int> _activations = new();
    private readonly ConcurrentDictionary<GrainId, int> _deactivations = new();
    private readonly ConcurrentDictionary<GrainId, int> _attempts = new();
    private readonly ConcurrentDictionary<GrainId, int> _commits = new();

    public void Attempted(GrainId id) => _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);

    public void Committed(GrainId id) => _commits.AddOrUpdate(id, 1, (_, n) => n + 1);

    public int Attempts(GrainId id) => _attempts.GetValueOrDefault(id);

    public int Commits(GrainId id) => _commits.GetValueOrDefault(id);

    public void Activated(GrainId id) => _activations.AddOrUpdate(id, 1, (_, n) => n + 1);

    public void Deactivated(GrainId id) => _deactivations.AddOrUpdate(id, 1, (_, n) => n + 1);

    public int Activations(GrainId id) => _activations.GetValueOrDefault(id);

    public int Deactivations(GrainId id) => _deactivations.GetValueOrDefault(id);
}

/// <summary>Named gates a test opens to let a waiting grain turn finish.</summary>
public sealed class TestGates
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public TaskCompletionSource Get(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Someone has come to the gate: a grain turn waits there, unless the test made it first.</summary>
    public bool Reached(string name) => _gates.ContainsKey(name);
}
