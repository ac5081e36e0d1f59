namespace Tracking.Runtime;

/// <summary>
/// Marks a read-only query that may run while another turn of the grain is suspended at an
/// await (like Orleans' [AlwaysInterleave]), e.g. asking a long-running sweep for its progress.
/// Its handler must not change state; it sees the state as of the last completed step.
/// </summary>
public interface IInterleavingCall;
