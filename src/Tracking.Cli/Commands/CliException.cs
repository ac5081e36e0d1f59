namespace Tracking.Cli.Commands;

/// <summary>A mistake in how the command was called (a missing file, an unknown exchange): said plainly, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
