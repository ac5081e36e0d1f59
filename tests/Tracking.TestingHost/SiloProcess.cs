using System.Diagnostics;

namespace Tracking.TestingHost;

/// <summary>One silo process of a <see cref="ProcessCluster"/>: its address for people and exchanges, and for other silos.</summary>
public sealed record SiloProcess(int Index, Uri Url, Uri SiloEndpoint, Process Process, StreamWriter Log);
