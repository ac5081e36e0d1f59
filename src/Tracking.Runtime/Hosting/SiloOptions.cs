using System.Text.Json;
using Tracking.Runtime.Membership;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Transport;

namespace Tracking.Runtime.Hosting;

public sealed class SiloOptions
{
    /// <summary>Partitions grains are spread over; fixed for the life of a cluster's data. Default 256.</summary>
    public int PartitionCount { get; set; } = 256;

    /// <summary>How long a caller waits for a grain's answer. Default 30 s.</summary>
    public TimeSpan DefaultCallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation with no message for this long is deactivated. Default 15 min.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default 1 min.</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often due reminders are looked for; a reminder fires at most this late. Default 1 s.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>JSON metadata for every grain state and event type (normally a source-generated context). Required.</summary>
    public JsonSerializerOptions? Json { get; set; }

    /// <summary>JSON metadata for read-model documents, whose property names the view fields use. Default <see cref="Json"/>.</summary>
    public JsonSerializerOptions? ViewJson { get; set; }

    public StorageOptions Storage { get; } = new();

    /// <summary>Read models the application lists from; their indexes are created at start.</summary>
    public IList<Views.ViewDefinition> Views { get; } = [];

    /// <summary>Membership, leases and timings, used when the store serves a cluster.</summary>
    public ClusterOptions Cluster { get; } = new();

    /// <summary>Exceptions that cross silos as themselves; the runtime's own are registered.</summary>
    public RemoteExceptionMap RemoteExceptions { get; } = new();
}
