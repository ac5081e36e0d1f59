using System.Diagnostics;

namespace Tracking.TestingHost;

/// <summary>One silo process of a <see cref="ProcessCluster"/>: its address for people and exchanges, and the port silos reach it at.</summary>
public sealed record SiloProcess(int Index, Uri Url, int SiloPort, Process Process, StreamWriter Log);
