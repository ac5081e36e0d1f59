using Tracking.Runtime.Hosting;

namespace Tracking.Runtime.Activation;

/// <summary>What an activated grain knows of itself and its silo.</summary>
internal sealed record GrainContext(GrainId Id, int Partition, GrainTypeInfo Type, GrainRuntime Runtime);
