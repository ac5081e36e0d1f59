using System.Collections.Concurrent;
using Tracking.Runtime.Hosting;
using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Activation;

/// <summary>This silo's activations by grain id; creates one on the first message to a grain.</summary>
internal sealed class ActivationDirectory(GrainRuntime runtime, GrainPartitioner partitioner)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();

    public int Count => _activations.Count;

    public IEnumerable<Activation> All => _activations.Values;

    public bool Contains(GrainId id) => _activations.ContainsKey(id);

    /// <summary>
    /// Hands the message to the grain's activation. Returns null when it was accepted, or a task
    /// that completes when a closing activation has left: two instances of one grain never run
    /// side by side, so the caller waits for it, then routes the message again.
    /// </summary>
    public Task? TryDispatch(GrainId id, GrainTypeInfo type, WorkItem item)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(id, static (id, arg) => arg.Directory.Create(id, arg.Type), (Directory: this, Type: type));
            if (activation.TryEnqueue(item))
            {
                return null;
            }

            if (!activation.Deactivated.IsCompleted)
            {
                return activation.Deactivated;
            }

            Remove(activation);
        }
    }

    public void Remove(Activation activation) => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.Id, activation));

    /// <summary>Closes the activations of one partition, lets the messages they accepted run, and deactivates them.</summary>
    public async Task DeactivatePartitionAsync(int partition, CancellationToken cancellationToken)
    {
        var activations = _activations.Values.Where(a => a.Partition == partition).ToArray();
        await Task.WhenAll(activations.Select(a => a.CloseAsync())).ConfigureAwait(false);
        await Task.WhenAll(activations.Select(a => a.DeactivateAsync(Remove, cancellationToken))).ConfigureAwait(false);
    }

    private Activation Create(GrainId id, GrainTypeInfo type) =>
        new(new GrainContext(id, partitioner.PartitionOf(id), type, runtime));
}
