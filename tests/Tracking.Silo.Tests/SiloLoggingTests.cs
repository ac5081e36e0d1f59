using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tracking.Silo.Hosting;

namespace Tracking.Silo.Tests;

/// <summary>What a silo's log shows at its level: no debug chatter let through by a category's own filter.</summary>
public sealed class SiloLoggingTests
{
    [Theory]
    [InlineData(LogLevel.Information, new[] { LogLevel.Warning, LogLevel.Error }, new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information })]
    [InlineData(LogLevel.Warning, new[] { LogLevel.Error }, new[] { LogLevel.Debug, LogLevel.Information, LogLevel.Warning })]
    public async Task Orleans_watchdog_lines_show_from_warnings_in_a_silo_process_and_from_errors_in_a_quieter_host(LogLevel minimum, LogLevel[] shown, LogLevel[] hidden)
    {
        var data = Directory.CreateTempSubdirectory("tracking-logging-").FullName;
        try
        {
            await using var app = SiloWebHost.Build(new SiloHostSettings(new StorageSettings(data, null), "http://127.0.0.1:0") { MinimumLogLevel = minimum });
            var watchdog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Runtime.Watchdog");

            Assert.All(shown, level => Assert.True(watchdog.IsEnabled(level), $"{level} hidden"));
            Assert.All(hidden, level => Assert.False(watchdog.IsEnabled(level), $"{level} shown"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
